using XinchuangFlow.Domain.Sla;

namespace XinchuangFlow.Domain.Tickets;

/// <summary>
/// A work order (工单) per docs/work-order-standard.md. Activities of the <c>service-ticket</c> flow change it inside
/// the flow's own transactions; <see cref="Version"/> guards every update.
/// </summary>
public sealed class Ticket : IVersionedCase
{
    string ICase.CaseKind => CaseKinds.Ticket;
    string ICase.Status => Status.Code;

    /// <summary>
    /// Whether the ticket may still go to another technician: not once it is closed or cancelled, nor once the work is
    /// resolved and waits for the unit's confirmation (a new technician would have nothing left to do).
    /// </summary>
    public bool MayBeRedispatched => !Status.IsFinal && Status != TicketStatus.Resolved && Status != TicketStatus.AwaitingFeedback;

    public Guid Id { get; set; }
    public string Number { get; set; } = "";
    public int Version { get; set; }
    public Guid InstanceId { get; set; }
    public string Channel { get; set; } = "portal";
    /// <summary>The submitter's idempotency key: a repeated submission returns the first ticket.</summary>
    public string? RequestKey { get; set; }
    public string? ExternalId { get; set; }
    /// <summary>
    /// The enterprise whose own service platform reported this ticket (DAT-2; <see cref="ExternalId"/> is its id there);
    /// null for a ticket handled in the platform. A reported ticket has no flow and no tasks here.
    /// </summary>
    public Guid? ReportedBy { get; set; }
    public bool IsReported => ReportedBy is not null;
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public Guid? ProcurementUnitId { get; set; }
    public string ProcurementUnit { get; set; } = "";
    public string ContactName { get; set; } = "";
    public string? ContactPhone { get; set; }
    public string? ContactEmail { get; set; }
    public string CityCode { get; set; } = "";
    public string CountyCode { get; set; } = "";
    public string? Address { get; set; }

    public string ProductCategory { get; set; } = "";
    public string? ProductVendor { get; set; }
    public string? ProductModel { get; set; }
    /// <summary>The device's serial number (序列号), as the unit gives it.</summary>
    public string? SerialNumber { get; set; }
    public string? Cpu { get; set; }
    public string? Os { get; set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public string Impact { get; set; } = "single";

    public Grade? Grade { get; set; }
    public string? GradeExplanation { get; set; }
    /// <summary>JSON {from, to, reason, by, at} when an agent overrode the automatic grade.</summary>
    public string? GradeOverride { get; set; }

    public Guid? IntegratorId { get; set; }
    public Guid? VendorId { get; set; }
    public Guid? TechnicianId { get; set; }
    public string? TechnicianUser { get; set; }
    public string? TechnicianName { get; set; }
    /// <summary>The dispatched technician's work phone, shown to the unit.</summary>
    public string? TechnicianPhone { get; set; }
    public Guid? ServicePointId { get; set; }
    public string? ServicePointCounty { get; set; }
    /// <summary>JSON: the rule, the chosen technician and every rejected candidate with its reason (DSP-3).</summary>
    public string? DispatchExplanation { get; set; }

    public TicketStatus Status { get; set; } = TicketStatus.Submitted;
    /// <summary>When the technician set out for the site (server time).</summary>
    public DateTimeOffset? SetOutAt { get; set; }
    public DateTimeOffset? CheckInAt { get; set; }
    public string? CheckInLocation { get; set; }
    /// <summary>Where the browser said the technician was at check-in, when they allowed it, and how sure it was (metres).</summary>
    public double? CheckInLatitude { get; set; }
    public double? CheckInLongitude { get; set; }
    public double? CheckInAccuracy { get; set; }
    /// <summary>Parts replaced or used, as the technician recorded them.</summary>
    public string? PartsUsed { get; set; }
    /// <summary>Who at the unit confirmed the work on site (name as given).</summary>
    public string? ConfirmedBy { get; set; }
    public bool RemoteHandled { get; set; }
    public string? Resolution { get; set; }
    public string? CitedArticles { get; set; }
    public bool FirstTimeFix { get; set; } = true;
    public int ReopenCount { get; set; }
    public int? Satisfaction { get; set; }
    public string? FeedbackComment { get; set; }
    /// <summary>Why the hotline desk calls the unit back (ASM-6, <see cref="FollowUp"/>): unrated, complaint, reopened, low-rating or sample; null: no call.</summary>
    public string? FollowUpReason { get; set; }
    /// <summary>When the call was made (null while it waits).</summary>
    public DateTimeOffset? FollowUpAt { get; set; }
    /// <summary>Whether the unit was reached on the phone.</summary>
    public bool? FollowUpReached { get; set; }
    /// <summary>Whether the unit confirmed the problem is solved.</summary>
    public bool? FollowUpConfirmed { get; set; }
    /// <summary>The satisfaction the unit gave on the phone (1–5).</summary>
    public int? FollowUpSatisfaction { get; set; }
    public string? FollowUpNote { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The three clocks as JSON (<see cref="TicketClocks"/>); read and written through <see cref="Clocks"/>.</summary>
    public string ClocksJson { get; set; } = "";
    /// <summary>Deadlines of the running clocks and whether any clock breached: columns for lists and reports.</summary>
    public DateTimeOffset? ResponseDueAt { get; set; }
    public DateTimeOffset? OnSiteDueAt { get; set; }
    public DateTimeOffset? ResolutionDueAt { get; set; }
    public bool Breached { get; set; }
    /// <summary>
    /// The clock that matters now (the running one due first: response, onsite or resolution; "paused" when none runs
    /// but one is paused), its deadline and the moment of its warning: what the inbox sorts and colours by.
    /// </summary>
    public string? NextClock { get; set; }
    public DateTimeOffset? NextDueAt { get; set; }
    public DateTimeOffset? NextWarnAt { get; set; }

    private TicketClocks? _clocks;

    /// <summary>The clocks; after changing them call <see cref="SyncClocks"/>.</summary>
    public TicketClocks Clocks() => _clocks ??= TicketClocks.Deserialize(ClocksJson);

    /// <summary>Takes <paramref name="clocks"/> as the ticket's clocks (written by the next <see cref="SyncClocks"/>).</summary>
    internal void ReplaceClocks(TicketClocks clocks) => _clocks = clocks;

    /// <summary>Writes the clocks back to <see cref="ClocksJson"/> and refreshes the deadline and breach columns.</summary>
    public void SyncClocks(DateTimeOffset now, WorkingCalendar calendar)
    {
        var clocks = Clocks();
        ClocksJson = clocks.Serialize();
        ResponseDueAt = clocks.Response.Deadline(calendar);
        OnSiteDueAt = clocks.OnSite.Deadline(calendar);
        ResolutionDueAt = clocks.Resolution.Deadline(calendar);
        Breached = Breached || clocks.All.Any(c => c.Breached(now, calendar));
        // A running clock without a deadline (its calendar has no open time) comes after every clock that has one.
        var next = clocks.All.Where(c => c.State == ClockState.Running).OrderBy(c => c.Deadline(calendar) ?? DateTimeOffset.MaxValue).FirstOrDefault();
        NextClock = next is not null ? TicketClocks.Name(next.Kind) : clocks.All.Any(c => c.State == ClockState.Paused) ? Deadlines.Paused : null;
        NextDueAt = next?.Deadline(calendar);
        NextWarnAt = next?.MomentAt(Deadlines.WarnShare, calendar);
    }

    /// <summary>
    /// Whether a clock of this ticket is late at <paramref name="now"/>: a running one past its stored deadline (or
    /// escalated at 100 %), a stopped or paused one that used more than its target.
    /// </summary>
    public bool IsLate(SlaClock clock, DateTimeOffset now) => clock.State switch
    {
        ClockState.NotStarted => false,
        ClockState.Running => clock.Escalated.Any(p => p >= 100) || DueAt(clock.Kind) < now,
        _ => clock.Consumed > clock.Target,
    };

    /// <summary>The state of the clock that matters at <paramref name="now"/>.</summary>
    public DeadlineState DeadlineStateAt(DateTimeOffset now) => Deadlines.StateAt(now, NextDueAt, NextWarnAt, NextClock == Deadlines.Paused);

    /// <summary>The stored deadline of a running clock.</summary>
    public DateTimeOffset? DueAt(ClockKind kind) => kind switch
    {
        ClockKind.Response => ResponseDueAt,
        ClockKind.OnSite => OnSiteDueAt,
        _ => ResolutionDueAt,
    };

    /// <summary>Puts the ticket in a technician's hands (automatic dispatch, manual dispatch, re-dispatch).</summary>
    public void AssignTechnician(Network.Technician technician, Network.ServicePoint point, string explanationJson, DateTimeOffset now)
    {
        TechnicianId = technician.Id;
        TechnicianUser = technician.UserName;
        TechnicianName = technician.Name;
        TechnicianPhone = technician.Phone;
        ServicePointId = point.Id;
        ServicePointCounty = point.CountyCode;
        // The enterprise whose technician works the ticket serves it (another one when the responsible integrator was suspended).
        IntegratorId = technician.EnterpriseId;
        DispatchExplanation = explanationJson;
        UpdatedAt = now;
    }

    /// <summary>
    /// What the rules in force would make of this ticket's running and paused clocks (a target fixed by the definition
    /// stays): each clock whose target or deadline would change, with the old and new target and deadline. Changes
    /// nothing; <see cref="Retarget"/> applies it.
    /// </summary>
    public IReadOnlyList<ClockRetarget> RetargetsUnder(Rules.SlaRules sla, Network.GuangxiDivisions divisions, string scope)
    {
        var result = new List<ClockRetarget>();
        var probe = TicketClocks.Deserialize(Clocks().Serialize());
        foreach (var clock in probe.All)
        {
            if (clock.State is not (ClockState.Running or ClockState.Paused) || clock.TargetFixed) continue;
            var (target, reason) = clock.Kind switch
            {
                ClockKind.Response => (sla.ResponseTarget(Grade), new TargetReason { Basis = TargetReason.Response, Grade = (Grade ?? Tickets.Grade.Default).Code, Scope = scope }),
                ClockKind.Resolution => (sla.ResolutionTarget(Grade), new TargetReason { Basis = TargetReason.Resolution, Grade = (Grade ?? Tickets.Grade.Default).Code, Scope = scope }),
                _ => sla.OnSiteTarget(CountyCode, ServicePointCounty ?? CountyCode, Grade, divisions, scope),
            };
            var before = DueAt(clock.Kind);
            clock.ChangeTarget(target, reason.Encode());
            var after = clock.Deadline(sla.WorkingCalendar);
            var oldTarget = Clocks()[clock.Kind].Target;
            if (oldTarget != target || before != after) result.Add(new ClockRetarget(clock.Kind, oldTarget, target, before, after, reason));
        }
        return result;
    }

    /// <summary>Applies <see cref="RetargetsUnder"/>: the new targets (consumed and paused time kept) and deadlines on the rules' calendar.</summary>
    public void Retarget(IEnumerable<ClockRetarget> changes, int rulesVersion, DateTimeOffset now, WorkingCalendar calendar)
    {
        foreach (var c in changes) Clocks()[c.Clock].ChangeTarget(c.NewTarget, c.Reason.Under(c.Reason.Scope ?? "region", rulesVersion).With(TargetReason.Recomputed).Encode());
        SyncClocks(now, calendar);
        UpdatedAt = now;
    }

    /// <summary>
    /// An agent's grade override (DSP-1): records who, why, from and to, and gives the running response and resolution
    /// clocks the new grade's targets (consumed and paused time kept; a target fixed by the definition stays).
    /// Returns the previous grade and the clocks whose target changed.
    /// </summary>
    public (Grade? From, IReadOnlyList<ClockKind> Retargeted) OverrideGrade(Grade grade, string reason, string? user, DateTimeOffset now, Rules.SlaRules sla, string rulesScope, int rulesVersion)
    {
        var from = Grade;
        Grade = grade;
        GradeOverride = new System.Text.Json.Nodes.JsonObject { ["from"] = from?.Code, ["to"] = grade.Code, ["reason"] = reason, ["by"] = user, ["at"] = now.ToString("O") }.ToJsonString();
        var retargeted = new List<ClockKind>();
        foreach (var kind in new[] { ClockKind.Response, ClockKind.Resolution })
        {
            var clock = Clocks()[kind];
            if (clock.State is not (ClockState.Running or ClockState.Paused) || clock.TargetFixed) continue;
            var target = kind == ClockKind.Response ? sla.ResponseTarget(grade) : sla.ResolutionTarget(grade);
            var why = new TargetReason { Basis = kind == ClockKind.Response ? TargetReason.Response : TargetReason.Resolution, Grade = grade.Code }
                .Under(rulesScope, rulesVersion).With(TargetReason.GradeOverridden, user);
            clock.ChangeTarget(target, why.Encode());
            retargeted.Add(kind);
        }
        SyncClocks(now, sla.WorkingCalendar);
        UpdatedAt = now;
        return (from, retargeted);
    }
}
