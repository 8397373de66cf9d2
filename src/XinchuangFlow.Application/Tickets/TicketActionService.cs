using XinchuangFlow.Domain.Knowledge;
using System.Text.Json.Nodes;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Tasks;
using XinchuangFlow.Application.Tickets.Actions;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Tickets;

/// <summary>
/// What agents, technicians and units do to a ticket besides working a generic task: the technician's and the unit's
/// steps of the flow (accept, return, check in, resolve, feedback), and the ticket actions outside the flow
/// (<see cref="ITicketAction"/>: re-dispatch, grade override, set out, and whatever else is registered), run by key.
/// Each finds the ticket within the caller's scope first (a logged 404 otherwise), then lets the flow's own step, the
/// action's check and the domain decide.
/// </summary>
public sealed class TicketActionService(CaseQueryService queries, TaskService tasks, WorkflowRuntime runtime, ITicketRepository tickets,
    TicketActionRegistry registry, AccessService access, Knowledge.IKnowledgeStore knowledge)
{
    /// <summary>Where the technician's browser said they were at check-in (optional, with its accuracy in metres).</summary>
    public sealed record Position(double Latitude, double Longitude, double? Accuracy);

    /// <summary>
    /// The dispatched technician checks in on site (or reports remote handling); server time is recorded, and the
    /// browser's position when they allowed it. A repeated check-in changes nothing and returns the ticket.
    /// </summary>
    public async Task<Ticket> CheckInAsync(Actor actor, string idOrNumber, string? location, bool remote, Position? position = null, CancellationToken ct = default)
    {
        var ticket = await TechniciansTicketAsync(actor, idOrNumber, "check in", ct);
        if (TextRules.Check(location, "location", 200, multiline: false, required: false) is { } problem) throw new InvalidInputException([problem]);
        if (position is { } p && (p.Latitude is < -90 or > 90 || p.Longitude is < -180 or > 180 || p.Accuracy is < 0 || !double.IsFinite(p.Latitude) || !double.IsFinite(p.Longitude)))
            throw new InvalidInputException(Problem.Of(TicketProblems.PositionInvalid, "position", "The position is not a valid latitude / longitude."));
        if (ticket.CheckInAt is not null) return ticket; // a repeated tap
        var data = new JsonObject { ["location"] = location ?? "" };
        if (position is { } pos && !remote)
        {
            data["latitude"] = pos.Latitude;
            data["longitude"] = pos.Longitude;
            if (pos.Accuracy is { } acc) data["accuracy"] = acc;
        }
        var done = await tasks.CompleteOpenAsync(actor, ticket.InstanceId, TaskKinds.Handle, remote ? TicketOutcomes.Remote : TicketOutcomes.CheckIn, data, ct);
        if (done is null)
        {
            var now = await tickets.FindTicketAsync(ticket.Id, ct);
            if (now?.CheckInAt is not null) return now; // the same tap arrived twice at once
            throw new StateConflictException(Problem.Of(TicketProblems.NoCheckIn, null, $"Ticket {ticket.Number} is {ticket.Status}; there is no check-in waiting (accept it first).",
                ("number", ticket.Number), ("status", ticket.Status)));
        }
        return (await tickets.FindTicketAsync(ticket.Id, ct))!;
    }

    /// <summary>The dispatched technician accepts the ticket (a repeated accept changes nothing).</summary>
    public async Task<Ticket> AcceptAsync(Actor actor, string idOrNumber, string? comment, CancellationToken ct = default)
    {
        var ticket = await TechniciansTicketAsync(actor, idOrNumber, "accept", ct);
        if (await tasks.CompleteOpenAsync(actor, ticket.InstanceId, TaskKinds.Accept, TicketOutcomes.Accept, new JsonObject { ["comment"] = comment ?? "" }, ct) is null
            && !IsPast(await tickets.FindTicketAsync(ticket.Id, ct) ?? ticket, TicketStatus.Accepted))
            throw new StateConflictException(Problem.Of(TicketProblems.NothingToAccept, null, $"Ticket {ticket.Number} is {ticket.Status}; there is nothing to accept.",
                ("number", ticket.Number), ("status", ticket.Status)));
        return (await tickets.FindTicketAsync(ticket.Id, ct))!;
    }

    /// <summary>The dispatched technician gives the ticket back to dispatch with a reason (a repeated tap changes nothing).</summary>
    public async Task<Ticket> ReturnAsync(Actor actor, string idOrNumber, string? reason, CancellationToken ct = default)
    {
        var ticket = await TechniciansTicketAsync(actor, idOrNumber, "return", ct);
        if (reason is null || !TextRules.HasVisibleText(reason)) throw new InvalidInputException(Problem.Of(TextProblems.Required, "reason", "Returning a ticket needs a reason."));
        if (await tasks.CompleteOpenAsync(actor, ticket.InstanceId, TaskKinds.Accept, TicketOutcomes.Return, new JsonObject { ["comment"] = reason }, ct) is null
            && ticket.Status != TicketStatus.Dispatched)
            throw new StateConflictException(Problem.Of(TicketProblems.NothingToReturn, null, $"Ticket {ticket.Number} is {ticket.Status}; there is nothing to return.",
                ("number", ticket.Number), ("status", ticket.Status)));
        return (await tickets.FindTicketAsync(ticket.Id, ct))!;
    }

    /// <summary>The dispatched technician sets out for the site (<see cref="SetOutAction"/>). Idempotent.</summary>
    public Task<Ticket> SetOutAsync(Actor actor, string idOrNumber, CancellationToken ct = default) =>
        RunAsync(actor, idOrNumber, SetOutAction.ActionKey, null, ct);

    /// <summary>
    /// The technician records the work and resolves the ticket (work done, parts, who at the unit confirmed), or asks
    /// the product vendor for support with what they need. A repeated tap changes nothing.
    /// </summary>
    /// <summary>
    /// The technician records the result: resolved (citing the published articles that solved it, by number) or a request
    /// for the vendor's support. A cited number of no published article is refused with the number, nothing recorded.
    /// </summary>
    public async Task<Ticket> ResolveAsync(Actor actor, string idOrNumber, string? resolution, string? parts, string? confirmedBy, bool askVendor,
        IReadOnlyList<string>? citedArticles = null, CancellationToken ct = default)
    {
        var ticket = await TechniciansTicketAsync(actor, idOrNumber, "resolve", ct);
        if (askVendor ? ticket.Status == TicketStatus.VendorSupport : IsPast(ticket, TicketStatus.Resolved)) return ticket;
        var cited = askVendor ? [] : await CheckedCitationsAsync(citedArticles, ct);
        var data = new JsonObject { ["resolution"] = resolution ?? "", ["parts"] = parts ?? "", ["confirmedBy"] = confirmedBy ?? "", ["citedArticles"] = CitedArticles.Join(cited) };
        if (await tasks.CompleteOpenAsync(actor, ticket.InstanceId, TaskKinds.Resolve, askVendor ? TicketOutcomes.VendorSupport : TicketOutcomes.Resolved, data, ct) is null)
        {
            var now = await tickets.FindTicketAsync(ticket.Id, ct) ?? ticket;
            if (askVendor ? now.Status == TicketStatus.VendorSupport : IsPast(now, TicketStatus.Resolved)) return now;
            throw new StateConflictException(Problem.Of(TicketProblems.CheckInFirst, null, $"Ticket {ticket.Number} is {ticket.Status}; check in before recording the result.",
                ("number", ticket.Number), ("status", ticket.Status)));
        }
        return (await tickets.FindTicketAsync(ticket.Id, ct))!;
    }

    private async Task<IReadOnlyList<string>> CheckedCitationsAsync(IReadOnlyList<string>? given, CancellationToken ct)
    {
        var numbers = CitedArticles.Parse(string.Join(' ', given ?? []));
        var unreadable = (given ?? []).FirstOrDefault(g => !string.IsNullOrWhiteSpace(g) && CitedArticles.Parse(g).Count == 0);
        if (unreadable is not null)
            throw new InvalidInputException(Problem.Of(KnowledgeProblems.CitedUnknown, "citedArticles", $"'{unreadable}' is not an article number.", ("value", unreadable)));
        var published = (await knowledge.PublishedAsync(numbers, ct)).Select(r => r.Article.Number).ToHashSet();
        if (numbers.FirstOrDefault(n => !published.Contains(n)) is { } missing)
            throw new InvalidInputException(Problem.Of(KnowledgeProblems.CitedUnknown, "citedArticles", $"{missing} is no published article.", ("value", missing)));
        return numbers;
    }

    /// <summary>The ticket when the actor is its dispatched technician; another technician gets a logged 404 from the scope, others a 403.</summary>
    private async Task<Ticket> TechniciansTicketAsync(Actor actor, string idOrNumber, string doing, CancellationToken ct)
    {
        var ticket = await queries.GetTicketAsync(actor, idOrNumber, ct);
        if (!string.Equals(ticket.TechnicianUser, actor.UserName, StringComparison.OrdinalIgnoreCase))
            throw access.Denied(actor, doing, $"Only the dispatched technician may {doing}.");
        return ticket;
    }

    /// <summary>Whether the ticket is at or beyond <paramref name="status"/> in the usual order of work.</summary>
    private static bool IsPast(Ticket ticket, TicketStatus status) => ticket.Status.IsPast(status);

    /// <summary>The unit rates the resolved ticket; a low rating needs a comment (the feedback step's own rule).</summary>
    public async Task<Ticket> FeedbackAsync(Actor actor, string idOrNumber, int satisfaction, string? comment, CancellationToken ct = default)
    {
        var ticket = await queries.GetTicketAsync(actor, idOrNumber, ct);
        var done = await tasks.CompleteOpenAsync(actor, ticket.InstanceId, TaskKinds.Feedback, TicketOutcomes.SubmitFeedback,
            new JsonObject { ["satisfaction"] = satisfaction.ToString(System.Globalization.CultureInfo.InvariantCulture), ["comment"] = comment ?? "" }, ct);
        if (done is null) throw new StateConflictException(Problem.Of(TicketProblems.NoFeedbackWaiting, null, $"Ticket {ticket.Number} is {ticket.Status}; no feedback is waiting from you.",
            ("number", ticket.Number), ("status", ticket.Status)));
        return (await tickets.FindTicketAsync(ticket.Id, ct))!;
    }

    /// <summary>Manual re-dispatch with a reason (<see cref="RedispatchAction"/>).</summary>
    public Task<Ticket> RedispatchAsync(Actor actor, string idOrNumber, string? technicianUser, string? reason, CancellationToken ct = default) =>
        RunAsync(actor, idOrNumber, RedispatchAction.ActionKey, new JsonObject { ["technicianUser"] = technicianUser, ["reason"] = reason }, ct);

    /// <summary>An agent overrides the automatic grade with a reason (<see cref="GradeOverrideAction"/>).</summary>
    public Task<Ticket> OverrideGradeAsync(Actor actor, string idOrNumber, string? grade, string? reason, CancellationToken ct = default) =>
        RunAsync(actor, idOrNumber, GradeOverrideAction.ActionKey, new JsonObject { ["grade"] = grade, ["reason"] = reason }, ct);

    /// <summary>
    /// The actions <paramref name="actor"/> may run on <paramref name="ticket"/> now — a ticket the caller has already
    /// found within the actor's scope (the workspace's).
    /// </summary>
    public async Task<IReadOnlyList<ITicketAction>> OfferedAsync(Actor actor, Ticket ticket, CancellationToken ct = default)
    {
        var offered = new List<ITicketAction>();
        foreach (var action in registry.All)
            if ((await action.CheckAsync(actor, ticket, ct)).Allows) offered.Add(action);
        return offered;
    }

    /// <summary>
    /// Runs the action <paramref name="key"/> (an unknown key: 404) on the ticket, found within the caller's scope
    /// (a logged 404 otherwise): the action's check (a logged 403 when it is not the actor's, 409 when not now, the
    /// ticket unchanged when already done), the form read by its catalogue (400 with every problem by field), then the
    /// action. Returns the ticket as it is afterwards.
    /// </summary>
    public async Task<Ticket> RunAsync(Actor actor, string idOrNumber, string key, JsonObject? form, CancellationToken ct = default)
    {
        var action = registry.Find(key) ?? throw new NotFoundException(Problem.Of(TicketProblems.ActionUnknown, null, $"Ticket action '{key}' does not exist.", ("value", key)));
        var ticket = await queries.GetTicketAsync(actor, idOrNumber, ct);
        var check = await action.CheckAsync(actor, ticket, ct);
        if (check.Verdict == TicketActionVerdict.AlreadyDone) return ticket;
        if (Refusal(action, actor, ticket, check) is { } refusal) throw refusal;
        var values = TicketActionForm.Read(action.Fields, form);
        await action.RunAsync(new TicketActionRun(this, action, actor, ticket, values, ct));
        return (await tickets.FindTicketAsync(ticket.Id, ct))!;
    }

    /// <summary>The amendment behind <c>TicketActionRun.AmendAsync</c>: the ticket read afresh and checked again, then changed.</summary>
    internal async Task<bool> AmendAsync(TicketActionRun run, string reason, Func<InstanceAmendment, Ticket, Task<bool>> change)
    {
        (Ticket Ticket, TicketActionCheck Check)? refused = null;
        var done = await runtime.AmendAsync(run.Ticket.InstanceId, run.Actor.UserName, reason, async amendment =>
        {
            // Read fresh inside the amendment: a conflict runs this again with the current ticket.
            refused = null;
            var current = await tickets.FindTicketAsync(run.Ticket.Id, run.Cancellation);
            if (current is null) return false;
            var check = await run.Action.CheckAsync(run.Actor, current, run.Cancellation);
            if (!check.Allows)
            {
                refused = (current, check);
                return false;
            }
            return await change(amendment, current);
        }, run.Cancellation);
        if (refused is { } r && Refusal(run.Action, run.Actor, r.Ticket, r.Check) is { } refusal) throw refusal;
        return done;
    }

    /// <summary>The exception for a check that does not allow the run (null for "already done"); a refusal of the actor is logged.</summary>
    private XfException? Refusal(ITicketAction action, Actor actor, Ticket ticket, TicketActionCheck check) => check.Verdict switch
    {
        TicketActionVerdict.NotYou => access.Denied(actor, $"{action.Key} {ticket.Number}", check.Reason ?? $"The action {action.Key} is not yours to run."),
        TicketActionVerdict.NotNow => new StateConflictException(Problem.Of(TicketProblems.ActionNotNow, null,
            check.Reason ?? $"Ticket {ticket.Number} is {ticket.Status}; {action.Key} is not possible now.", ("number", ticket.Number), ("status", ticket.Status))),
        _ => null,
    };
}
