using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Infrastructure.Tickets;

/// <summary>A request that cannot be accepted; every problem names its field.</summary>
public sealed class CaseValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The request is not valid: " + string.Join(" ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>What the caller may see and act on (SEC-2): built from the user's roles and scope claims.</summary>
public sealed record CaseScope(bool All = false, string? City = null, Guid? Enterprise = null, Guid? Unit = null, string? TechnicianUser = null, string? User = null)
{
    public IQueryable<Ticket> Apply(IQueryable<Ticket> q)
    {
        if (All) return q;
        if (City is not null) return q.Where(t => t.CityCode == City);
        if (Enterprise is { } e) return q.Where(t => t.IntegratorId == e || t.VendorId == e);
        if (TechnicianUser is not null) return q.Where(t => t.TechnicianUser == TechnicianUser);
        if (Unit is { } u) return q.Where(t => t.ProcurementUnitId == u || t.CreatedBy == User);
        return q.Where(t => t.CreatedBy == User);
    }

    public IQueryable<Complaint> Apply(IQueryable<Complaint> q)
    {
        if (All) return q;
        if (City is not null) return q.Where(c => c.CityCode == City);
        if (Enterprise is { } e) return q.Where(c => c.EnterpriseId == e);
        if (Unit is { } u) return q.Where(c => c.ProcurementUnitId == u || c.CreatedBy == User);
        return q.Where(c => c.CreatedBy == User);
    }
}

/// <summary>Filter for ticket lists.</summary>
public sealed record TicketFilter(string? Status = null, string? City = null, string? Grade = null, bool? Breached = null, string? Search = null, int Skip = 0, int Take = 50);

/// <summary>A ticket with its history and the tasks waiting on it.</summary>
public sealed record TicketDetail(Ticket Ticket, IReadOnlyList<CaseEvent> History, IReadOnlyList<HumanTask> OpenTasks, IReadOnlyList<Complaint> Complaints);

/// <summary>
/// Intake and queries of work orders and complaints. A ticket is created by starting the <c>service-ticket</c> flow
/// whose first step registers it, so the ticket and its flow exist together or not at all.
/// </summary>
public sealed class TicketService(WorkflowRuntime runtime, IDbContextFactory<XfDbContext> factory, ITicketRepository tickets, GuangxiDivisions divisions, TimeProvider clock)
{
    public const string ServiceTicketFlow = "service-ticket";
    public const string ComplaintFlow = "complaint";
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>Accepts a request: validates, assigns the number, starts the flow. A repeated request key returns the first ticket.</summary>
    public async Task<(Ticket Ticket, bool Duplicate)> CreateAsync(TicketRequest request, string? user, CancellationToken ct = default)
    {
        request.Clean();
        var errors = request.Validate(divisions);
        ProcurementUnit? unit = null;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            if (request.RequestKey is { Length: > 0 } key && await FindByKeyAsync(db, user, key, ct) is { } existing) return (existing, true);
            if (request.ProcurementUnitId is { } unitId)
            {
                unit = await db.ProcurementUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
                if (unit is null) errors["procurementUnitId"] = [$"Procurement unit {unitId} does not exist."];
            }
            if (request.IntegratorId is { } integratorId && !await db.Enterprises.AnyAsync(e => e.Id == integratorId && e.Kind == EnterpriseKind.Integrator, ct))
                errors["integratorId"] = [$"Integrator {integratorId} does not exist."];
        }
        if (unit is not null)
        {
            if (string.IsNullOrWhiteSpace(request.ProcurementUnit)) { request.ProcurementUnit = unit.Name; errors.Remove("procurementUnit"); }
            request.IntegratorId ??= unit.IntegratorId;
        }
        if (errors.Count > 0) throw new CaseValidationException(errors);

        var now = clock.GetUtcNow();
        var day = now.ToOffset(China).ToString("yyyyMMdd");
        var prefix = $"GX-{request.CityCode}-{day}";
        request.Number = $"{prefix}-{await tickets.NextSequenceAsync(prefix, ct):00000}";
        request.CreatedBy = user;
        var input = new JsonObject { ["request"] = JsonSerializer.SerializeToNode(request, Json) };
        WorkflowInstance instance;
        try
        {
            instance = await runtime.StartAsync(new StartRequest(ServiceTicketFlow, input, CorrelationId: request.Number, User: user), ct);
        }
        catch (ConcurrencyConflictException) when (request.RequestKey is { Length: > 0 })
        {
            // The same request arrived twice at once: the unique key let one through; return that one.
            await using var db = await factory.CreateDbContextAsync(ct);
            if (await FindByKeyAsync(db, user, request.RequestKey, ct) is { } first) return (first, true);
            throw;
        }
        var ticket = await tickets.FindTicketByInstanceAsync(instance.Id, ct)
                     ?? throw new InvalidOperationException($"The service-ticket flow (instance {instance.Id}, {instance.Status}) did not register the ticket; see its incidents.");
        return (ticket, false);
    }

    /// <summary>Files a complaint, on a ticket or not, and starts the <c>complaint</c> flow.</summary>
    public async Task<(Complaint Complaint, bool Duplicate)> FileComplaintAsync(Guid? ticketId, string description, string category, string? requestKey,
        string? user, Guid? unitId, string? unitName, string? cityCode, CancellationToken ct = default)
    {
        description = TicketRequest.PlainText(description);
        var errors = new Dictionary<string, string[]>();
        if (description.Length == 0) errors["description"] = ["The complaint needs a description."];
        if (description.Length > 5000) errors["description"] = [$"The description has {description.Length} characters; at most 5000 are allowed."];
        if (category is not ("service" or "timeliness" or "quality" or "attitude" or "other")) errors["category"] = ["Use service, timeliness, quality, attitude or other."];
        Ticket? ticket = null;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            if (requestKey is { Length: > 0 } && await db.Complaints.AsNoTracking().FirstOrDefaultAsync(c => c.CreatedBy == user && c.RequestKey == requestKey, ct) is { } existing)
                return (existing, true);
            if (ticketId is { } id)
            {
                ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
                if (ticket is null) errors["ticketId"] = [$"Ticket {id} does not exist."];
            }
        }
        var city = ticket?.CityCode ?? cityCode;
        if (city is null || divisions.Cities.All(c => c.Code != city)) errors["cityCode"] = ["A complaint without a ticket needs the city it concerns."];
        if (errors.Count > 0) throw new CaseValidationException(errors);
        var now = clock.GetUtcNow();
        var prefix = $"TS-{city}-{now.ToOffset(China):yyyyMMdd}";
        var complaint = new JsonObject
        {
            ["number"] = $"{prefix}-{await tickets.NextSequenceAsync(prefix, ct):00000}",
            ["ticketId"] = ticket?.Id.ToString(),
            ["ticketNumber"] = ticket?.Number,
            ["requestKey"] = requestKey,
            ["procurementUnitId"] = (ticket?.ProcurementUnitId ?? unitId)?.ToString(),
            ["procurementUnit"] = ticket?.ProcurementUnit ?? unitName ?? "",
            ["cityCode"] = city,
            ["enterpriseId"] = ticket?.IntegratorId?.ToString(),
            ["category"] = category,
            ["description"] = description,
            ["createdBy"] = user,
        };
        WorkflowInstance instance;
        try
        {
            instance = await runtime.StartAsync(new StartRequest(ComplaintFlow, new JsonObject { ["complaint"] = complaint }, CorrelationId: complaint["number"]!.GetValue<string>(), User: user), ct);
        }
        catch (ConcurrencyConflictException) when (requestKey is { Length: > 0 })
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            if (await db.Complaints.AsNoTracking().FirstOrDefaultAsync(c => c.CreatedBy == user && c.RequestKey == requestKey, ct) is { } first) return (first, true);
            throw;
        }
        return (await tickets.FindComplaintByInstanceAsync(instance.Id, ct)
                ?? throw new InvalidOperationException($"The complaint flow (instance {instance.Id}, {instance.Status}) did not file the complaint; see its incidents."), false);
    }

    public async Task<(IReadOnlyList<Ticket> Items, int Total)> ListAsync(TicketFilter filter, CaseScope scope, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = scope.Apply(db.Tickets.AsNoTracking());
        if (filter.Status is { Length: > 0 } s) q = q.Where(t => t.Status == s);
        if (filter.City is { Length: > 0 } c) q = q.Where(t => t.CityCode == c);
        if (filter.Grade is { Length: > 0 } g) q = q.Where(t => t.Grade == g);
        if (filter.Breached is { } b) q = q.Where(t => t.Breached == b);
        if (filter.Search is { Length: > 0 } text) q = q.Where(t => t.Number.Contains(text) || t.Title.Contains(text) || t.ProcurementUnit.Contains(text));
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(t => t.CreatedAt).Skip(Math.Max(0, filter.Skip)).Take(Math.Clamp(filter.Take, 1, 200)).ToListAsync(ct);
        return (items, total);
    }

    /// <summary>A ticket by id or number, when it is in scope (the ticket row only).</summary>
    public async Task<Ticket?> FindInScopeAsync(string idOrNumber, CaseScope scope, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = scope.Apply(db.Tickets.AsNoTracking());
        return Guid.TryParse(idOrNumber, out var id) ? await q.FirstOrDefaultAsync(t => t.Id == id, ct) : await q.FirstOrDefaultAsync(t => t.Number == idOrNumber, ct);
    }

    /// <summary>A ticket by id or number with its history, open tasks and complaints, when it is in scope.</summary>
    public async Task<TicketDetail?> FindAsync(string idOrNumber, CaseScope scope, CancellationToken ct = default)
    {
        var ticket = await FindInScopeAsync(idOrNumber, scope, ct);
        if (ticket is null) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        var history = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == ticket.Id).OrderBy(e => e.Sequence).ToListAsync(ct);
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.InstanceId == ticket.InstanceId && t.Status == HumanTaskStatus.Open).OrderBy(t => t.CreatedAt).ToListAsync(ct);
        var complaints = await db.Complaints.AsNoTracking().Where(c => c.TicketId == ticket.Id).OrderBy(c => c.CreatedAt).ToListAsync(ct);
        return new TicketDetail(ticket, history, tasks, complaints);
    }

    public async Task<(Complaint Complaint, IReadOnlyList<CaseEvent> History, IReadOnlyList<HumanTask> OpenTasks)?> FindComplaintAsync(Guid id, CaseScope scope, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var complaint = await scope.Apply(db.Complaints.AsNoTracking()).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (complaint is null) return null;
        var history = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.Sequence).ToListAsync(ct);
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.InstanceId == complaint.InstanceId && t.Status == HumanTaskStatus.Open).ToListAsync(ct);
        return (complaint, history, tasks);
    }

    /// <summary>
    /// Completes the ticket's open task that offers <paramref name="outcome"/> (check-in, feedback …), when the caller is
    /// its assignee or holds its role. Returns null when no such task is open.
    /// </summary>
    public async Task<HumanTask?> CompleteActionAsync(Guid instanceId, string outcome, JsonObject data, string user, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var open = await runtime.Store.ListTasksAsync(new TaskQuery(InstanceId: instanceId, Status: HumanTaskStatus.Open), ct);
        var task = open.FirstOrDefault(t => t.Outcomes.Contains(outcome) && (string.Equals(t.AssigneeUser, user, StringComparison.OrdinalIgnoreCase)
                                                                            || (t.AssigneeUser is null && t.AssigneeRole is { } r && roles.Contains(r))));
        if (task is null) return null;
        await runtime.CompleteTaskAsync(task.Id, outcome, data, user, ct);
        return task;
    }

    /// <summary>
    /// Manual re-dispatch with a reason (DSP-3) outside the flow's own steps: the new technician must qualify; the
    /// ticket and its open technician tasks move to them in one transaction, and the history records who and why.
    /// </summary>
    public async Task<Ticket> RedispatchAsync(Ticket ticket, string technicianUser, string reason, string user, INetworkRepository network, CancellationToken ct = default)
    {
        reason = TicketRequest.PlainText(reason);
        if (reason.Length == 0) throw new CaseValidationException(new Dictionary<string, string[]> { ["reason"] = ["A re-dispatch needs a reason."] });
        if (TicketStatus.IsFinal(ticket.Status) || ticket.Status is TicketStatus.Resolved or TicketStatus.AwaitingFeedback)
            throw new WorkflowStateException($"Ticket {ticket.Number} is {ticket.Status}; it can no longer be re-dispatched.");
        var snapshot = await network.SnapshotAsync(ct);
        var problem = XinchuangFlow.Domain.Activities.AssignActivity.TechnicianProblem(snapshot, technicianUser, ticket.ProductCategory, clock.GetUtcNow(), out var technician, out var point);
        if (problem is not null)
            throw new CaseValidationException(new Dictionary<string, string[]> { ["technicianUser"] = [$"{technicianUser}: {problem}"] });
        if (ticket.IntegratorId is { } integrator && technician!.EnterpriseId != integrator)
            throw new CaseValidationException(new Dictionary<string, string[]> { ["technicianUser"] = ["The technician works for another enterprise than the ticket's responsible integrator."] });
        var done = await runtime.AmendAsync(ticket.InstanceId, user, "re-dispatch", async amendment =>
        {
            // Read fresh inside the amendment: a conflict runs this again with the current ticket.
            var current = await tickets.FindTicketAsync(ticket.Id, ct);
            if (current is null || TicketStatus.IsFinal(current.Status)) return false;
            var previous = current.TechnicianUser;
            amendment.StageUpdate(current, nameof(Ticket.Version), current.Version);
            current.Version++;
            var explanation = new JsonObject { ["ruleZh"] = $"改派：{reason}", ["technician"] = technician!.Name, ["previous"] = previous, ["by"] = user };
            current.AssignTechnician(technician, point!, explanation.ToJsonString(), amendment.Now);
            // Later steps of the flow assign to the dispatched technician: point them at the new one.
            amendment.SetVariable("dispatch", XinchuangFlow.Domain.Activities.AssignActivity.DispatchVariable(technician, point!, $"改派：{reason}"));
            var open = await runtime.Store.ListTasksAsync(new TaskQuery(InstanceId: current.InstanceId, Status: HumanTaskStatus.Open), ct);
            foreach (var task in open.Where(t => previous is not null && string.Equals(t.AssigneeUser, previous, StringComparison.OrdinalIgnoreCase)))
                amendment.ReassignTask(task.Id, technician.UserName);
            amendment.StageInsert(new CaseEvent
            {
                CaseId = current.Id, CaseKind = "ticket", At = amendment.Now, User = user, Kind = "redispatched",
                FromStatus = current.Status, ToStatus = current.Status, Note = $"改派给{technician.Name}：{reason}",
                Data = new JsonObject { ["from"] = previous, ["to"] = technician.UserName, ["reason"] = reason }.ToJsonString(),
            });
            return true;
        }, ct);
        if (!done) throw new WorkflowStateException($"Ticket {ticket.Number} is no longer open; it was not re-dispatched.");
        return (await tickets.FindTicketAsync(ticket.Id, ct))!;
    }

    /// <summary>
    /// An agent overrides the automatic grade with a reason (DSP-1, audited): the running response and resolution
    /// clocks take the new grade's targets (consumed and paused time kept) and their escalation is re-planned.
    /// </summary>
    public async Task<Ticket> OverrideGradeAsync(Ticket ticket, string grade, string reason, string user, XinchuangFlow.Domain.Rules.RuleBook rules, CancellationToken ct = default)
    {
        grade = grade?.Trim().ToUpperInvariant() ?? "";
        reason = TicketRequest.PlainText(reason);
        var errors = new Dictionary<string, string[]>();
        if (grade is not ("P1" or "P2" or "P3" or "P4")) errors["grade"] = ["Use P1, P2, P3 or P4."];
        if (reason.Length == 0) errors["reason"] = ["A grade override needs a reason."];
        if (errors.Count > 0) throw new CaseValidationException(errors);
        var done = await runtime.AmendAsync(ticket.InstanceId, user, "grade override", async amendment =>
        {
            var current = await tickets.FindTicketAsync(ticket.Id, ct);
            if (current is null || TicketStatus.IsFinal(current.Status) || current.Grade == grade) return false;
            amendment.StageUpdate(current, nameof(Ticket.Version), current.Version);
            current.Version++;
            XinchuangFlow.Domain.Activities.CaseSession.AttachTicket(amendment.BurstItems, current);
            var (sla, set) = await rules.SlaAsync(current.CityCode, ct);
            var (from, retargeted) = current.OverrideGrade(grade, reason, user, amendment.Now, sla, $"rules sla/{set.Scope} v{set.Version}");
            foreach (var kind in retargeted) amendment.RaiseLocalSignal(XinchuangFlow.Domain.Activities.SlaCategory.Signal(kind));
            amendment.StageInsert(XinchuangFlow.Domain.Activities.CaseSession.GradeOverrideEvent(current, from, grade, reason, user, amendment.Now));
            return true;
        }, ct);
        if (!done) throw new WorkflowStateException($"Ticket {ticket.Number} is closed or already {grade}; the grade was not changed.");
        return (await tickets.FindTicketAsync(ticket.Id, ct))!;
    }

    private static Task<Ticket?> FindByKeyAsync(XfDbContext db, string? user, string key, CancellationToken ct) =>
        db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.CreatedBy == user && t.RequestKey == key, ct);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
