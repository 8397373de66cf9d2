using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Audit;
using XinchuangFlow.Domain.Assessment;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Time;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Assessment;

/// <summary>Which notices a list shows.</summary>
public sealed record SupervisionFilter(string? Status = null, Guid? EnterpriseId = null, string? TicketNumber = null);

/// <summary>Where supervision notices are kept (the database layer implements it).</summary>
public interface ISupervisionStore
{
    /// <summary>By id or number, within the scope.</summary>
    Task<SupervisionNotice?> FindAsync(string idOrNumber, Expression<Func<SupervisionNotice, bool>> scope, CancellationToken ct = default);
    Task<SupervisionNotice?> OfInstanceAsync(Guid instanceId, CancellationToken ct = default);
    /// <summary>Newest first, within the scope.</summary>
    Task<(IReadOnlyList<SupervisionNotice> Items, int Total)> ListAsync(Expression<Func<SupervisionNotice, bool>> scope, SupervisionFilter filter, int skip, int take, CancellationToken ct = default);
    /// <summary>A notice still unanswered on the same thing with the same reason by the same person (a second click of the same form).</summary>
    Task<SupervisionNotice?> OpenSameAsync(Guid enterpriseId, Guid? ticketId, string reason, string issuedBy, CancellationToken ct = default);
}

/// <summary>Problem codes of supervision notices.</summary>
[ProblemCodes]
public static class SupervisionProblems
{
    /// <summary>Arguments: field (reason): a notice says what must be done.</summary>
    public const string Reason = "supervision-reason";
    /// <summary>Arguments: field (deadline), minHours, maxDays: the deadline lies at least minHours and at most maxDays ahead.</summary>
    public const string Deadline = "supervision-deadline";
    /// <summary>Arguments: field (target): a notice is about a ticket or an enterprise, exactly one.</summary>
    public const string Target = "supervision-target";
    /// <summary>Arguments: field (ticketNumber): the ticket was chosen as the target, with no number.</summary>
    public const string TicketMissing = "supervision-ticket-missing";
    /// <summary>Arguments: field (enterpriseId): an enterprise was chosen as the target, with none named.</summary>
    public const string EnterpriseMissing = "supervision-enterprise-missing";
    /// <summary>Arguments: ticket: the ticket has no enterprise serving it yet.</summary>
    public const string NoEnterprise = "supervision-no-enterprise";
    /// <summary>Arguments: enterprise: only an integrator on the list (whose managers answer) receives notices.</summary>
    public const string NotIntegrator = "supervision-not-integrator";
    /// <summary>Arguments: field (answer): an answer says what was done.</summary>
    public const string Answer = "supervision-answer";
    /// <summary>Arguments: field (comment): a returned answer says why and what is still missing.</summary>
    public const string ReturnComment = "supervision-return-comment";
    /// <summary>Arguments: field (outcome): a review accepts or returns the answer.</summary>
    public const string ReviewOutcome = "supervision-review-outcome";
    /// <summary>Arguments: notice, status: the notice has no answer waiting for review now.</summary>
    public const string NotAwaitingReview = "supervision-not-awaiting-review";
}

/// <summary>
/// What the caller asks to issue: a ticket (by number) or an enterprise, the reason and the deadline. <paramref name="Target"/>
/// says which the caller meant when it says so (a form with a choice), so a missing one is named.
/// </summary>
public sealed record SupervisionRequest(string? TicketNumber, Guid? EnterpriseId, string? Reason, DateTimeOffset? Deadline, string? Target = null);

/// <summary>
/// A notice with its history, and the open review task when the reader may review the answer now (the issuing party;
/// the page offers accept and return by it).
/// </summary>
public sealed record SupervisionView(SupervisionNotice Notice, IReadOnlyList<CaseEvent> History, HumanTask? Review = null);

/// <summary>
/// Supervision notices (督办, ASM-7). The Data Bureau, the Intranet Office or a municipal coordinator issues a notice on a
/// ticket it can see, or on an enterprise, with the reason and a deadline; the <c>supervision-notice</c> flow gives the
/// enterprise's managers the answer task, escalates a deadline that passes, records the answer and gives the issuing
/// party (<see cref="AccessService.SupervisionRoleOf"/>) the review task: accept (closed) or return with a comment (the
/// enterprise answers again).
/// A second submission of the same notice (same thing, same reason, same issuer, still unanswered) returns the first.
/// Who reads which notices is the access service's (<see cref="CaseScope.SupervisionRule"/>).
/// </summary>
public sealed class SupervisionService(ISupervisionStore store, ICaseDirectory cases, INetworkRepository network, ITicketRepository numbers, WorkflowRuntime runtime,
    AccessService access, IAuditLog audit, TimeProvider clock, Tasks.TaskService tasks, ITaskStore taskStore)
{
    public const string AuditKind = "supervision";
    public const int MinHours = 1, MaxDays = 90, ReasonMax = 2000;

    /// <summary>Issues a notice; returns it and whether it is new (false: the same notice was issued a moment ago).</summary>
    public async Task<(SupervisionNotice Notice, bool Created)> IssueAsync(Actor actor, SupervisionRequest request, CancellationToken ct = default)
    {
        if (access.SupervisionIssuerOf(actor) is not { } issuer)
            throw access.Denied(actor, "issue a supervision notice", "The Data Bureau, the Intranet Office and the municipal coordinators issue supervision notices.");
        var problems = new List<Problem>();
        var hasTicket = !string.IsNullOrWhiteSpace(request.TicketNumber);
        if (request.Target == SupervisionTargets.Ticket && !hasTicket)
            problems.Add(Problem.Of(SupervisionProblems.TicketMissing, "ticketNumber", "Give the number of the ticket to supervise."));
        else if (request.Target == SupervisionTargets.Enterprise && request.EnterpriseId is null)
            problems.Add(Problem.Of(SupervisionProblems.EnterpriseMissing, "enterpriseId", "Choose the enterprise to supervise."));
        else if (hasTicket == (request.EnterpriseId is not null))
            problems.Add(Problem.Of(SupervisionProblems.Target, "target", "A notice is about a ticket or an enterprise."));
        if (!TextRules.HasVisibleText(request.Reason ?? ""))
            problems.Add(Problem.Of(SupervisionProblems.Reason, "reason", "A notice says what must be done."));
        var now = clock.GetUtcNow();
        if (request.Deadline is not { } deadline || deadline < now.AddHours(MinHours) || deadline > now.AddDays(MaxDays))
            problems.Add(Problem.Of(SupervisionProblems.Deadline, "deadline", $"The deadline lies {MinHours} hour to {MaxDays} days ahead.", ("minHours", MinHours), ("maxDays", MaxDays)));
        if (problems.Count > 0) throw new InvalidInputException(problems);
        var reason = request.Reason!.Trim();
        if (reason.Length > ReasonMax) reason = reason[..ReasonMax];

        Ticket? ticket = null;
        Enterprise? enterprise;
        string? city;
        if (hasTicket)
        {
            ticket = await cases.FindTicketAsync(request.TicketNumber!.Trim(), access.ScopeOf(actor), ct) ?? throw access.NotFound(actor, "ticket", request.TicketNumber!);
            if (ticket.IntegratorId is not { } served)
                throw new StateConflictException(Problem.Of(SupervisionProblems.NoEnterprise, "ticket", $"{ticket.Number} has no enterprise serving it yet.", ("ticket", ticket.Number)));
            enterprise = await network.FindEnterpriseAsync(served, ct) ?? throw access.NotFound(actor, "enterprise", served);
            city = ticket.CityCode;
        }
        else
        {
            enterprise = await network.FindEnterpriseAsync(request.EnterpriseId!.Value, ct) ?? throw access.NotFound(actor, "enterprise", request.EnterpriseId!.Value);
            if (!Answerable(enterprise))
                throw new InvalidInputException(Problem.Of(SupervisionProblems.NotIntegrator, "enterpriseId", $"{enterprise.Name} is not an integrator on the list; its notices would reach nobody.",
                    ("enterprise", enterprise.Name)));
            city = issuer == SupervisionIssuers.Coordinator ? actor.CityCode : null;
        }
        if (await store.OpenSameAsync(enterprise.Id, ticket?.Id, reason, actor.UserName ?? "", ct) is { } same) return (same, false);

        var day = ChinaTime.ToChina(now).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var prefix = "DB-" + day;
        var id = Guid.CreateVersion7(now);
        var number = $"{prefix}-{await numbers.NextSequenceAsync(prefix, ct):000}";
        var item = new JsonObject
        {
            ["id"] = id.ToString(), ["number"] = number, ["target"] = ticket is null ? SupervisionTargets.Enterprise : SupervisionTargets.Ticket,
            ["ticketId"] = ticket?.Id.ToString(), ["ticketNumber"] = ticket?.Number, ["enterpriseId"] = enterprise.Id.ToString(), ["enterpriseName"] = enterprise.Name,
            ["cityCode"] = city, ["reason"] = reason, ["deadline"] = request.Deadline!.Value.ToUniversalTime().ToString("O"), ["issuedBy"] = actor.UserName, ["issuer"] = issuer,
            ["issuerRole"] = AccessService.SupervisionRoleOf(issuer),
            ["dueSeconds"] = (long)Math.Ceiling((request.Deadline!.Value - now).TotalSeconds),
        };
        await runtime.StartAsync(new StartRequest(CaseFlows.SupervisionNotice, new JsonObject { ["notice"] = item }, CorrelationId: number, User: actor.UserName), ct);
        await audit.RecordAsync(new AuditEntry
        {
            Id = Guid.CreateVersion7(), At = now, User = actor.UserName, EntityKind = AuditKind, EntityId = number, Action = "supervision-issue",
            After = JsonSerializer.Serialize(new { number, enterprise = enterprise.Name, ticket = ticket?.Number, reason, deadline = request.Deadline }),
        }, ct);
        var stored = await store.FindAsync(id.ToString(), n => true, ct)
                     ?? throw new InvalidOperationException($"The supervision flow did not store notice {number}; is its first step xf.supervision.Open?");
        return (stored, true);
    }

    /// <summary>The enterprises a notice may name (not a removed one); none for one who may not issue.</summary>
    public async Task<IReadOnlyList<Enterprise>> TargetsAsync(Actor actor, CancellationToken ct = default) =>
        access.SupervisionIssuerOf(actor) is null ? []
        : (await network.EnterprisesAsync(ct)).Where(Answerable).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();

    /// <summary>An enterprise whose managers can answer a notice: an integrator still on the list.</summary>
    private static bool Answerable(Enterprise e) => e.Kind == EnterpriseKind.Integrator && e.Status != ShortlistStatus.Removed;

    /// <summary>The notices the caller may see, newest first.</summary>
    public async Task<(IReadOnlyList<SupervisionNotice> Items, int Total)> ListAsync(Actor actor, SupervisionFilter filter, int skip, int take, CancellationToken ct = default)
    {
        var scope = Scope(actor);
        if (filter.Status is { Length: > 0 } s && !SupervisionStatus.All.Contains(s)) return ([], 0);
        var (sk, tk) = Paging.Check(skip, take);
        return await store.ListAsync(scope, filter, sk, tk, ct);
    }

    /// <summary>One notice with its history (and its review task when the caller may review now); one outside the caller's scope is a logged 404.</summary>
    public async Task<SupervisionView> GetAsync(Actor actor, string idOrNumber, CancellationToken ct = default)
    {
        var notice = await store.FindAsync(idOrNumber, Scope(actor), ct) ?? throw access.NotFound(actor, "supervision notice", idOrNumber);
        HumanTask? review = null;
        // The page offers the review to the issuing party only (the Data Bureau may still act on any task in the inbox).
        foreach (var task in access.SupervisionIssuerOf(actor) == notice.Issuer ? await OpenReviewsAsync(notice, ct) : [])
            if (access.MayTake(actor, task.AssigneeUser, task.AssigneeRole, task.ClaimedBy) && await access.RightOnTaskAsync(actor, task, ct) == TaskRight.Work)
            {
                review = task;
                break;
            }
        return new SupervisionView(notice, await cases.HistoryAsync(notice.Id, ct), review);
    }

    /// <summary>
    /// The issuing party's review of the answer: <see cref="SupervisionOutcomes.Accept"/> closes the notice,
    /// <see cref="SupervisionOutcomes.Return"/> (with a comment) sends it back to the enterprise for a new answer. Found by
    /// the task's kind (<c>supervision.review</c>), whatever the flow calls its step. A notice outside the caller's scope is
    /// a logged 404; a reader who is not the issuing party (the enterprise, another party) a logged 403; a notice with no
    /// answer waiting for review a 409.
    /// </summary>
    public async Task<SupervisionNotice> ReviewAsync(Actor actor, string idOrNumber, string? outcome, string? comment, CancellationToken ct = default)
    {
        var notice = await store.FindAsync(idOrNumber, Scope(actor), ct) ?? throw access.NotFound(actor, "supervision notice", idOrNumber);
        // The party that issued it reviews (the rule of who issues, read on the notice); the Data Bureau may act on any task.
        if (access.SupervisionIssuerOf(actor) != notice.Issuer && !access.IsWorkflowAdmin(actor)) throw NotTheIssuer(actor, notice);
        if (outcome is not (SupervisionOutcomes.Accept or SupervisionOutcomes.Return))
            throw new InvalidInputException(Problem.Of(SupervisionProblems.ReviewOutcome, "outcome", "A review accepts or returns the answer."));
        var open = await OpenReviewsAsync(notice, ct);
        if (open.Count == 0)
            throw new StateConflictException(Problem.Of(SupervisionProblems.NotAwaitingReview, null, $"{notice.Number} has no answer waiting for review.",
                ("notice", notice.Number), ("status", notice.Status)));
        var data = new JsonObject { ["comment"] = comment?.Trim() ?? "" };
        if (await tasks.CompleteOpenAsync(actor, notice.InstanceId, TaskKinds.SupervisionReview, outcome, data, ct) is null) throw NotTheIssuer(actor, notice);
        return await store.FindAsync(notice.Id.ToString(), n => true, ct) ?? notice;
    }

    private ForbiddenException NotTheIssuer(Actor actor, SupervisionNotice notice) =>
        access.Denied(actor, $"review supervision notice {notice.Number}",
            "The party that issued the notice reviews its answers (the city's coordinators, the Data Bureau or the Intranet Office).");

    private async Task<IReadOnlyList<HumanTask>> OpenReviewsAsync(SupervisionNotice notice, CancellationToken ct) =>
        await taskStore.ListTasksAsync(new TaskQuery(InstanceId: notice.InstanceId, Status: HumanTaskStatus.Open, TaskKind: TaskKinds.SupervisionReview), ct);

    private Expression<Func<SupervisionNotice, bool>> Scope(Actor actor) =>
        access.MayReadSupervision(actor) ? access.ScopeOf(actor).SupervisionRule()
        : throw access.Denied(actor, "read supervision notices", "Supervision notices are for the Data Bureau, the Intranet Office, the coordinators and the enterprises' managers.");
}
