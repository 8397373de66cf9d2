using Microsoft.Extensions.Logging;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Access;

/// <summary>
/// The one place that decides what a signed-in user may see and do (SEC-2, SEC-5): their case scope, and whether
/// they may act on a ticket, task, complaint, instance, enterprise or rule set. Every refusal is logged here, with the
/// user, the kind of thing and its id, so a probe across tenants leaves a trace.
/// </summary>
public sealed class AccessService(ICaseDirectory cases, ILogger<AccessService> log)
{
    /// <summary>Event id of every logged refusal (search the logs for it).</summary>
    public static readonly EventId Refused = new(4030, "AccessRefused");

    /// <summary>The tickets and complaints the user may see.</summary>
    public CaseScope ScopeOf(Actor a)
    {
        // A dispatcher of the platform's hotline desk (no enterprise) sees every case; an integrator's dispatcher their own.
        if (a.IsAny(Roles.DataBureauAdmin, Roles.IntranetSupervisor) || (a.IsInRole(Roles.Dispatcher) && a.EnterpriseId is null))
            return new CaseScope(All: true, User: a.UserName);
        if (a.IsInRole(Roles.MunicipalCoordinator)) return new CaseScope(City: a.CityCode ?? "none", User: a.UserName);
        if (a.IsAny(Roles.EnterpriseManager, Roles.VendorSupport, Roles.Dispatcher)) return new CaseScope(Enterprise: a.EnterpriseId ?? Guid.Empty, User: a.UserName);
        if (a.IsInRole(Roles.Technician)) return new CaseScope(TechnicianUser: a.UserName ?? "", User: a.UserName);
        return new CaseScope(Unit: a.UnitId, User: a.UserName);
    }

    public bool IsWorkflowAdmin(Actor a) => a.IsInRole(Roles.DataBureauAdmin);

    /// <summary>The Intranet Office's supervisors read everything and change nothing (unless they also hold a working role).</summary>
    public bool IsReadOnly(Actor a) => a.IsInRole(Roles.IntranetSupervisor) && !a.Roles.Any(r => r != Roles.IntranetSupervisor);

    /// <summary>Refuses a change by a read-only user (logged), for the services whose other checks are about scope only.</summary>
    public void EnsureMayChange(Actor a, string action)
    {
        if (IsReadOnly(a)) throw Denied(a, action, "The Intranet Office supervises: it reads everything and changes nothing.");
    }

    /// <summary>Who the inbox queries are for: the user's roles and scope; the Data Bureau sees every task.</summary>
    public Tasks.InboxAudience InboxAudienceOf(Actor a) => new(a.UserName, a.Roles.ToList(), ScopeOf(a), IsWorkflowAdmin(a));

    /// <summary>Those who hand out their team's work: dispatchers, service managers, coordinators, the Data Bureau.</summary>
    public bool LeadsTeam(Actor a) => a.IsAny(Roles.Dispatcher, Roles.EnterpriseManager, Roles.MunicipalCoordinator, Roles.DataBureauAdmin);

    /// <summary>The Data Bureau's administrators change definitions.</summary>
    public bool MayEditDefinitions(Actor a) => a.IsInRole(Roles.DataBureauAdmin);

    /// <summary>The Intranet Office supervisor reads them too (read-only).</summary>
    public bool MayReadDefinitions(Actor a) => a.IsAny(Roles.DataBureauAdmin, Roles.IntranetSupervisor);

    /// <summary>Procurement units record their own requests; dispatchers record hotline calls; the Data Bureau may too.</summary>
    public bool MayRecordRequests(Actor a) => a.IsAny(Roles.ProcurementUser, Roles.Dispatcher, Roles.DataBureauAdmin);

    /// <summary>Only a dispatcher or the Data Bureau may record a request for another unit or name an integrator.</summary>
    public bool RecordsForOthers(Actor a) => a.IsAny(Roles.Dispatcher, Roles.DataBureauAdmin);

    /// <summary>
    /// Which service-mailbox records the actor may see and triage: the Data Bureau and the regional desk (a dispatcher
    /// of no integrator) all of them, an integrator's dispatcher those of units contracted with their integrator; others none.
    /// </summary>
    public Mail.MailScope? MailScopeOf(Actor a) =>
        a.IsInRole(Roles.DataBureauAdmin) || (a.IsInRole(Roles.Dispatcher) && a.EnterpriseId is null) ? new Mail.MailScope(true, null)
        : a.IsInRole(Roles.Dispatcher) ? new Mail.MailScope(false, a.EnterpriseId) : null;

    public bool MayFileComplaints(Actor a) => a.IsAny(Roles.ProcurementUser, Roles.DataBureauAdmin);

    /// <summary>The portal is the procurement units' own view of their requests.</summary>
    public bool UsesPortal(Actor a) => a.IsInRole(Roles.ProcurementUser);

    /// <summary>The phone pages list the technician's own dispatched tickets.</summary>
    public bool WorksInField(Actor a) => a.IsInRole(Roles.Technician);

    /// <summary>
    /// What a user's home page holds (issue 21 §4): a technician works on the phone pages (the home sends them there); a
    /// unit its requests and what to rate or confirm; whoever works an inbox its counts; a coordinator their city; the
    /// Data Bureau and the Intranet Office the region; the Data Bureau's administrators the flows and their faults.
    /// </summary>
    public Home.HomeSections HomeOf(Actor a)
    {
        var sections = Home.HomeSections.None;
        if (a.IsInRole(Roles.ProcurementUser)) sections |= Home.HomeSections.Unit;
        if (a.IsAny(Roles.Dispatcher, Roles.EnterpriseManager, Roles.VendorSupport, Roles.MunicipalCoordinator, Roles.DataBureauAdmin)) sections |= Home.HomeSections.Inbox;
        if (a.IsInRole(Roles.MunicipalCoordinator) && a.CityCode is { Length: > 0 }) sections |= Home.HomeSections.City;
        if (a.IsAny(Roles.DataBureauAdmin, Roles.IntranetSupervisor)) sections |= Home.HomeSections.Region;
        if (IsWorkflowAdmin(a)) sections |= Home.HomeSections.Flows;
        // A technician with no other work lands on the phone pages.
        if (sections == Home.HomeSections.None && WorksInField(a)) sections = Home.HomeSections.Field;
        return sections;
    }

    /// <summary>
    /// How a ticket's page shows a ticket to this user: the requester's view (state in plain words, the promise, who
    /// comes, the timeline, their feedback and complaint) for a procurement unit's user with no working role; the
    /// internal workspace (clocks and their reasons, dispatch, the flow, hand-over and ticket actions) for everyone else.
    /// </summary>
    public TicketView TicketViewOf(Actor a) =>
        a.IsInRole(Roles.ProcurementUser) && !a.Roles.Any(r => r != Roles.ProcurementUser) ? TicketView.Requester : TicketView.Internal;

    /// <summary>Handing a task over is the agents' (a unit's user rates and confirms their own requests).</summary>
    public bool MayHandOver(Actor a) => TicketViewOf(a) == TicketView.Internal;

    /// <summary>The audit trail is the Data Bureau's and the Intranet Office's.</summary>
    public bool MayReadAudit(Actor a) => a.IsAny(Roles.DataBureauAdmin, Roles.IntranetSupervisor);

    /// <summary>The delivery log (every e-mail and SMS) is read by administrators and the Intranet Office.</summary>
    public bool MayReadDeliveryLog(Actor a) => IsWorkflowAdmin(a) || a.IsInRole(Roles.IntranetSupervisor);

    /// <summary>Roles that dispatch and grade on the platform's behalf.</summary>
    public bool IsAgent(Actor a) => a.IsAny(Roles.Dispatcher, Roles.EnterpriseManager, Roles.DataBureauAdmin, Roles.MunicipalCoordinator);

    /// <summary>The Data Bureau edits regional rules and any city's; a municipal coordinator edits their own city's.</summary>
    public bool MayEditRules(Actor a, string scope) =>
        a.IsInRole(Roles.DataBureauAdmin) || (a.IsInRole(Roles.MunicipalCoordinator) && scope != RuleKinds.RegionScope && a.CityCode == scope);

    /// <summary>
    /// Everyone signed in reads the regional rules; a city's overrides are read by the Data Bureau, the Intranet Office
    /// and that city's coordinator only.
    /// </summary>
    public bool MayReadRules(Actor a, string scope) =>
        scope == RuleKinds.RegionScope || a.IsAny(Roles.DataBureauAdmin, Roles.IntranetSupervisor) || (a.IsInRole(Roles.MunicipalCoordinator) && a.CityCode == scope);

    /// <summary>
    /// Where a user's rules pages start: null for those who see every city's side by side (the Data Bureau, the Intranet
    /// Office), their own city for a coordinator, the regional rules (read-only) for everyone else.
    /// </summary>
    public string? RulesStartScope(Actor a) =>
        a.IsAny(Roles.DataBureauAdmin, Roles.IntranetSupervisor) ? null
        : a.IsInRole(Roles.MunicipalCoordinator) && a.CityCode is { } city ? city
        : RuleKinds.RegionScope;

    /// <summary>
    /// Whose side of the Data Bureau's limits on the cities a user reads: every city's (<see cref="RuleKinds.RegionScope"/>:
    /// the Data Bureau, which sets them, and the Intranet Office), their own city's (a coordinator: the limits that bind
    /// the city, read-only), or none.
    /// </summary>
    public string? LimitsScopeOf(Actor a) =>
        a.IsAny(Roles.DataBureauAdmin, Roles.IntranetSupervisor) ? RuleKinds.RegionScope
        : a.IsInRole(Roles.MunicipalCoordinator) && a.CityCode is { Length: > 0 } city ? city : null;

    /// <summary>
    /// A what-if replay lists the replayed tickets: the regional one (every city's tickets) is the Data Bureau's and the
    /// Intranet Office's; a city's is also its coordinator's. Nobody else replays anything.
    /// </summary>
    public bool MayReplay(Actor a, string scope) =>
        a.IsAny(Roles.DataBureauAdmin, Roles.IntranetSupervisor) || (scope != RuleKinds.RegionScope && a.IsInRole(Roles.MunicipalCoordinator) && a.CityCode == scope);

    /// <summary>Region-wide roles see every enterprise; enterprise staff only their own.</summary>
    public bool SeesAllEnterprises(Actor a) =>
        a.IsAny(Roles.DataBureauAdmin, Roles.IntranetSupervisor, Roles.MunicipalCoordinator) || (a.IsInRole(Roles.Dispatcher) && a.EnterpriseId is null);

    /// <summary>
    /// Whose service indicators a user reads (ASM-1): the whole region for the Data Bureau and the Intranet Office, their
    /// city for a municipal coordinator, their enterprise for an enterprise's manager; null for anyone else.
    /// </summary>
    public DataReach? KpiReachOf(Actor a) =>
        a.IsAny(Roles.DataBureauAdmin, Roles.IntranetSupervisor) ? new DataReach(true, null, null)
        : a.IsInRole(Roles.MunicipalCoordinator) && a.CityCode is { } city ? new DataReach(false, city, null)
        : a.IsInRole(Roles.EnterpriseManager) && a.EnterpriseId is { } e ? new DataReach(false, null, e)
        : null;

    /// <summary>
    /// Whose dashboard a user sees (DSH-1: one for each role): the indicators' reach (<see cref="KpiReachOf"/>: the region, a
    /// city, an enterprise); else a dispatcher's cases — the platform's hotline desk (no enterprise) sees every case, so
    /// the region; an enterprise's dispatcher their enterprise; else a technician's own tickets (the user name in
    /// <c>Technician</c>); null for anyone else (a procurement unit, a vendor's support).
    /// </summary>
    public (DataReach? Reach, string? Technician) DashboardReachOf(Actor a) =>
        KpiReachOf(a) is { } reach ? (reach, null)
        : a.IsInRole(Roles.Dispatcher) ? (a.EnterpriseId is { } e ? new DataReach(false, null, e) : new DataReach(true, null, null), null)
        : a.IsInRole(Roles.Technician) && a.UserName is { } user ? (null, user) : (null, null);

    /// <summary>
    /// Whose quarterly assessment results a user reads (ASM-2): every enterprise's, drafts and objections included, for the
    /// Data Bureau and the Intranet Office; their own enterprise's for its managers (they object to it); the published
    /// results of every enterprise for a municipal coordinator (the grades of those who serve the city); null for anyone else.
    /// </summary>
    public DataReach? AssessmentReachOf(Actor a) => KpiReachOf(a);

    /// <summary>Computing a quarter, computing it again and ruling on objections are the Data Bureau's.</summary>
    public bool MayRunAssessment(Actor a) => a.IsInRole(Roles.DataBureauAdmin);

    /// <summary>
    /// Who issues supervision notices (ASM-7), as the party named on the notice: the Data Bureau, the Intranet Office — its one
    /// act of change, supervision being what it is for —, a municipal coordinator (on its city's tickets, or on an enterprise
    /// for its city); nobody else (null).
    /// </summary>
    public string? SupervisionIssuerOf(Actor a) =>
        a.IsInRole(Roles.DataBureauAdmin) ? Domain.Assessment.SupervisionIssuers.DataBureau
        : a.IsInRole(Roles.IntranetSupervisor) ? Domain.Assessment.SupervisionIssuers.IntranetOffice
        : a.IsInRole(Roles.MunicipalCoordinator) && a.CityCode is not null ? Domain.Assessment.SupervisionIssuers.Coordinator
        : null;

    /// <summary>
    /// The role whose holders act for an issuing party (<see cref="SupervisionIssuerOf"/> read backwards): they review the
    /// answers to the party's notices — a coordinator's notice by its city's coordinators (the notice's city is theirs).
    /// </summary>
    public static string SupervisionRoleOf(string issuer) => issuer switch
    {
        Domain.Assessment.SupervisionIssuers.IntranetOffice => Roles.IntranetSupervisor,
        Domain.Assessment.SupervisionIssuers.Coordinator => Roles.MunicipalCoordinator,
        _ => Roles.DataBureauAdmin,
    };

    /// <summary>
    /// The tasks a read-only supervisor still works: the Intranet Office's one act of change is supervision — issuing a
    /// notice and reviewing the answers to its own notices.
    /// </summary>
    public static readonly IReadOnlySet<string> SupervisionActs = new HashSet<string> { Domain.Tickets.TaskKinds.SupervisionReview };

    /// <summary>Who reads supervision notices (each within <see cref="CaseScope.SupervisionRule"/>): the issuers and the enterprises' managers.</summary>
    public bool MayReadSupervision(Actor a) => a.IsAny(Roles.DataBureauAdmin, Roles.IntranetSupervisor, Roles.MunicipalCoordinator, Roles.EnterpriseManager);

    /// <summary>
    /// Whose service data a caller exports in the exchange standard (DAT-3): whatever indicators they read, and an
    /// enterprise's own platform its enterprise's tickets.
    /// </summary>
    public DataReach? ExportReachOf(Actor a) =>
        KpiReachOf(a) ?? (a.IsInRole(Roles.EnterprisePlatform) && a.EnterpriseId is { } e ? new DataReach(false, null, e) : null);

    /// <summary>The address prefix an enterprise's own platform key reaches (DAT-2, DAT-3).</summary>
    public const string ExchangeApi = "/api/exchange";

    /// <summary>
    /// Whether a caller reaches an API address at all: an enterprise's own platform key reports and exports its service
    /// data (<see cref="ExchangeApi"/>) and reaches nothing else; everyone else is decided by each use case.
    /// </summary>
    public bool Reaches(Actor a, string path) =>
        !a.IsInRole(Roles.EnterprisePlatform)
        || path.Equals(ExchangeApi, StringComparison.OrdinalIgnoreCase) || path.StartsWith(ExchangeApi + "/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The enterprise whose service data the caller reports (DAT-2): only an enterprise's own platform key has one.</summary>
    public Guid? ReportingEnterpriseOf(Actor a) => a.IsInRole(Roles.EnterprisePlatform) ? a.EnterpriseId : null;

    /// <summary>
    /// Whose reported batches a user reads: everyone's for the Data Bureau and the Intranet Office, their enterprise's
    /// for its platform and its managers; null for anyone else.
    /// </summary>
    public DataReach? BatchReachOf(Actor a) =>
        a.IsAny(Roles.DataBureauAdmin, Roles.IntranetSupervisor) ? new DataReach(true, null, null)
        : a.IsAny(Roles.EnterprisePlatform, Roles.EnterpriseManager) && a.EnterpriseId is { } e ? new DataReach(false, null, e)
        : null;

    public bool MaySeeEnterprise(Actor a, Guid enterpriseId) => SeesAllEnterprises(a) || a.EnterpriseId == enterpriseId;

    /// <summary>
    /// A task may be worked by its assignee, or by a holder of its role when the task's case is in their scope (a task
    /// of a flow without a case goes to every holder of the role). The Data Bureau may work every task.
    /// </summary>
    public async Task<TaskRight> RightOnTaskAsync(Actor a, HumanTask task, CancellationToken ct = default)
    {
        if (IsWorkflowAdmin(a)) return TaskRight.Work;
        if (a.UserName is not null && string.Equals(task.AssigneeUser, a.UserName, StringComparison.OrdinalIgnoreCase)) return TaskRight.Work;
        if (a.UserName is not null && string.Equals(task.ClaimedBy, a.UserName, StringComparison.OrdinalIgnoreCase)) return TaskRight.Work;
        if (task.AssigneeRole is null || !a.IsInRole(task.AssigneeRole)) return TaskRight.None;
        return await cases.MembershipAsync(task.InstanceId, ScopeOf(a), ct) == CaseMembership.OutOfScope ? TaskRight.None : TaskRight.Work;
    }

    /// <summary>
    /// Whether a task the actor already sees (an inbox row, a ticket's open task) is theirs to work now: assigned to or
    /// claimed by them, offered to their role and held by nobody else, or any task for the Data Bureau. Pages use it to
    /// offer the action; the task service checks again when the actor acts.
    /// </summary>
    public bool MayTake(Actor a, string? assigneeUser, string? assigneeRole, string? claimedBy)
    {
        static bool Same(string? x, string? y) => x is not null && string.Equals(x, y, StringComparison.OrdinalIgnoreCase);
        if (IsWorkflowAdmin(a) || Same(assigneeUser, a.UserName) || Same(claimedBy, a.UserName)) return true;
        return assigneeRole is not null && a.IsInRole(assigneeRole) && claimedBy is null;
    }

    /// <summary>An instance is visible to the Data Bureau, to whoever started it, and to users whose scope holds its case.</summary>
    public async Task<bool> MaySeeInstanceAsync(Actor a, WorkflowInstance instance, CancellationToken ct = default)
    {
        if (IsWorkflowAdmin(a)) return true;
        if (a.UserName is not null && string.Equals(instance.CreatedBy, a.UserName, StringComparison.OrdinalIgnoreCase)) return true;
        return await cases.MembershipAsync(instance.Id, ScopeOf(a), ct) == CaseMembership.InScope;
    }

    // ---------------------------------------------------------------- build-out evaluation (ASM-4)

    /// <summary>
    /// Whose build-out evaluations a user reads: every enterprise's for the Data Bureau, the Intranet Office and the
    /// municipal coordinators; their own enterprise's for its managers; null for anyone else.
    /// </summary>
    public DataReach? BuildOutReachOf(Actor a) =>
        a.IsAny(Roles.DataBureauAdmin, Roles.IntranetSupervisor, Roles.MunicipalCoordinator) ? new DataReach(true, null, null)
        : a.IsInRole(Roles.EnterpriseManager) && a.EnterpriseId is { } e ? new DataReach(false, null, e)
        : null;

    /// <summary>The enterprise's own managers fill in and submit its build-out self-assessment.</summary>
    public bool MayFillBuildOut(Actor a, Guid enterpriseId) => a.IsInRole(Roles.EnterpriseManager) && a.EnterpriseId == enterpriseId && !IsReadOnly(a);

    /// <summary>The Data Bureau opens, scores, returns and confirms build-out evaluations.</summary>
    public bool MayReviewBuildOut(Actor a) => a.IsInRole(Roles.DataBureauAdmin);

    // ---------------------------------------------------------------- knowledge (KB-1)

    /// <summary>Technicians and enterprise staff write and submit knowledge; the Data Bureau writes too.</summary>
    public bool MayWriteKnowledge(Actor a) =>
        a.IsAny(Roles.Technician, Roles.EnterpriseManager, Roles.Dispatcher, Roles.VendorSupport, Roles.DataBureauAdmin) && !IsReadOnly(a);

    /// <summary>The Data Bureau reviews knowledge.</summary>
    public bool MayReviewKnowledge(Actor a) => a.IsInRole(Roles.DataBureauAdmin);

    /// <summary>
    /// Whether the caller may read an article's working copy (a draft, one under review or returned): its author, the
    /// staff of its enterprise, and the reviewers.
    /// </summary>
    public bool MaySeeKnowledgeDraft(Actor a, Domain.Knowledge.KnowledgeArticle article) =>
        MayReviewKnowledge(a) || string.Equals(a.UserName, article.Author, StringComparison.OrdinalIgnoreCase)
        || (article.EnterpriseId is { } e && a.EnterpriseId == e && MayWriteKnowledge(a));

    /// <summary>Whether the caller may read a published article: everyone signed in; a procurement unit only what is marked for users.</summary>
    public bool MaySeePublishedKnowledge(Actor a, bool forUsers) =>
        a.IsAuthenticated && (forUsers || !a.IsInRole(Roles.ProcurementUser));

    /// <summary>
    /// The resolved tickets offered to the caller as "similar" beside the articles: what they see anyway, and a
    /// technician also their enterprise's (title and resolution only, as knowledge not yet written up); a procurement
    /// unit none (other units' tickets are theirs).
    /// </summary>
    public CaseScope? SimilarTicketScopeOf(Actor a)
    {
        if (a.IsInRole(Roles.ProcurementUser) && !a.IsAny(Roles.Dispatcher, Roles.DataBureauAdmin)) return null;
        if (a.IsInRole(Roles.Technician) && a.EnterpriseId is { } e) return new CaseScope(Enterprise: e, User: a.UserName);
        return ScopeOf(a);
    }

    /// <summary>Whether the caller may change an article's working copy or submit it: those who may see its draft and write.</summary>
    public bool MayEditKnowledge(Actor a, Domain.Knowledge.KnowledgeArticle article) => MayWriteKnowledge(a) && MaySeeKnowledgeDraft(a, article);

    /// <summary>Who reads the service network's pages (NET-2/3): the Data Bureau, the Intranet Office, the coordinators (their city) and the enterprises' managers (their own).</summary>
    public bool MayReadNetwork(Actor a) => a.IsAny(Roles.DataBureauAdmin, Roles.IntranetSupervisor, Roles.MunicipalCoordinator, Roles.EnterpriseManager);

    /// <summary>The Data Bureau creates and edits enterprises and decides their place on the shortlist.</summary>
    public bool MayManageEnterprises(Actor a) => a.IsInRole(Roles.DataBureauAdmin);

    /// <summary>An enterprise's manager manages its own service points, technicians, certificates and training records, and no one else's.</summary>
    public bool MayManageNetworkOf(Actor a, Guid enterpriseId) => a.IsInRole(Roles.EnterpriseManager) && a.EnterpriseId == enterpriseId && !IsReadOnly(a);

    /// <summary>A coordinator reads the points and technicians of their own city only (the city code), everyone else as far as they see enterprises (null).</summary>
    public string? NetworkCityOf(Actor a) =>
        a.IsInRole(Roles.MunicipalCoordinator) && !a.IsAny(Roles.DataBureauAdmin, Roles.IntranetSupervisor) ? a.CityCode ?? "-" : null;

    /// <summary>
    /// The check before any change to an enterprise's network: an enterprise the caller may not see is a logged 404,
    /// one they see but may not manage a logged 403.
    /// </summary>
    public void EnsureMayManageNetwork(Actor a, Guid enterpriseId, string action)
    {
        if (!MaySeeEnterprise(a, enterpriseId)) throw NotFound(a, "enterprise", enterpriseId);
        if (!MayManageNetworkOf(a, enterpriseId))
            throw Denied(a, action, "An enterprise's manager manages its own service points, technicians and certificates; the others read them.");
    }
    // ---------------------------------------------------------------- coverage map and liaisons (NET-3, NET-4, DSH-1)

    /// <summary>
    /// Whose network coverage a user reads on the map (NET-3, DSH-1): the region for the Data Bureau and the Intranet Office,
    /// their city's counties for a coordinator, their own enterprise's points for an enterprise's manager; null for anyone else.
    /// </summary>
    public DataReach? CoverageReachOf(Actor a) => KpiReachOf(a);

    /// <summary>Everyone signed in who works in the platform reads the liaisons (NET-4); a procurement unit or a platform key does not.</summary>
    public bool MayReadLiaisons(Actor a) =>
        a.IsAuthenticated && a.Roles.Any(r => r is not (Roles.ProcurementUser or Roles.EnterprisePlatform));

    /// <summary>
    /// Each party names its own liaison (NET-4): the Data Bureau any party's, the Intranet Office its own, a coordinator their
    /// city's, an enterprise's manager their enterprise's.
    /// </summary>
    public bool MayEditLiaison(Actor a, Network.LiaisonParty party) =>
        a.IsInRole(Roles.DataBureauAdmin)
        || (party.Kind == Network.LiaisonParty.IntranetOffice && a.IsInRole(Roles.IntranetSupervisor))
        || (party.Kind == Network.LiaisonParty.City && a.IsInRole(Roles.MunicipalCoordinator) && a.CityCode == party.CityCode)
        || (party.Kind == Network.LiaisonParty.Enterprise && a.IsInRole(Roles.EnterpriseManager) && a.EnterpriseId == party.EnterpriseId);

    /// <summary>Logs a refusal of something whose existence the caller may not learn, and returns the 404 to throw.</summary>
    public NotFoundException NotFound(Actor a, string kind, object id, string? why = null)
    {
        log.LogWarning(Refused, "Access refused: {User} asked for {Kind} {Id} outside their scope{Why}", a.ToString(), kind, id, why is null ? "" : $" ({why})");
        return new NotFoundException(Problem.Of(AccessProblems.NotFound, null, $"{Capitalised(kind)} {id} does not exist.", ("what", kind), ("id", id)));
    }

    /// <summary>Logs a page the caller's role may not open (the page answers "no access").</summary>
    public void PageRefused(Actor a, string path) =>
        log.LogWarning(Refused, "Access refused: {User} may not open the page {Path}", a.ToString(), path);

    /// <summary>Logs a refusal of an action the caller may know about, and returns the 403 to throw.</summary>
    public ForbiddenException Denied(Actor a, string action, string message) =>
        Denied(a, action, Problem.Of(AccessProblems.Denied, null, message));

    /// <summary>Logs a refusal of an action the caller may know about, with the problem that says why, and returns the 403 to throw.</summary>
    public ForbiddenException Denied(Actor a, string action, Problem why)
    {
        log.LogWarning(Refused, "Access refused: {User} may not {Action}: {Message}", a.ToString(), action, why.Message);
        return new ForbiddenException(why);
    }

    private static string Capitalised(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
