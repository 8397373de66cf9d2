using XinchuangFlow.Cases;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Tickets;

/// <summary>
/// The hotline desk (INT-2): a dispatcher finds the caller's unit by any part of its name or by the caller's phone
/// number, sees the unit's open tickets first so that a repeated call is added to the ticket it is about, and otherwise
/// records a new ticket on the unit's behalf (channel hotline) through the same intake as every other entry. An
/// integrator's dispatcher finds only the units contracted with their integrator.
/// </summary>
public sealed class HotlineService(ICaseDirectory cases, AccessService access, WorkflowRuntime runtime)
{
    private void CheckDesk(Actor actor)
    {
        if (!access.RecordsForOthers(actor))
            throw access.Denied(actor, "use the hotline desk", "Only dispatchers and the Data Bureau record calls for units.");
    }

    public async Task<IReadOnlyList<HotlineUnit>> FindUnitsAsync(Actor actor, string? text, CancellationToken ct = default)
    {
        CheckDesk(actor);
        var query = (text ?? "").Trim();
        if (query.Length == 0) return [];
        if (query.Length > 100) throw new InvalidInputException(Problem.Of(TextProblems.TooLong, "text", "Search with at most 100 characters.", ("length", query.Length), ("max", 100)));
        var phone = CallerNumber(query);
        var integrator = actor.IsInRole(Roles.DataBureauAdmin) ? null : actor.EnterpriseId;
        return (await cases.SearchUnitsAsync(query, phone, integrator, 20, ct)).Select(r => new HotlineUnit(r.Unit, r.OpenTickets)).ToList();
    }

    /// <summary>The search text as a caller's phone number, when it is one (the desk then files with that number).</summary>
    public static string? CallerNumber(string? text) => text?.Trim() is { } t && TextRules.IsPhone(t) ? t : null;

    /// <summary>The caller's unit with its tickets and last contact; a unit outside the desk's reach is a logged 404.</summary>
    public async Task<HotlineContext> ContextAsync(Actor actor, Guid unitId, CancellationToken ct = default)
    {
        CheckDesk(actor);
        var unit = await cases.FindUnitAsync(unitId, ct);
        if (unit is null || (!actor.IsInRole(Roles.DataBureauAdmin) && actor.EnterpriseId is { } e && unit.IntegratorId != e))
            throw access.NotFound(actor, "procurement unit", unitId);
        var tickets = await cases.TicketsOfUnitAsync(unitId, access.ScopeOf(actor), UnitTicketsShown, ct);
        var last = LastRequest(tickets);
        return new HotlineContext(unit, tickets, last?.ContactName, last?.ContactPhone, last?.Address);
    }

    /// <summary>How many of a unit's tickets the desk looks at (open first).</summary>
    public const int UnitTicketsShown = 20;

    /// <summary>The unit's most recent request among <paramref name="tickets"/>: where contact and place are taken from.</summary>
    public static Ticket? LastRequest(IReadOnlyList<Ticket> tickets) => tickets.MaxBy(t => t.CreatedAt);

    /// <summary>A repeated call about an open ticket: a line in its history (who took it, what the caller said); no new ticket.</summary>
    public async Task LinkCallAsync(Actor actor, string ticketNumber, string? note, CancellationToken ct = default)
    {
        CheckDesk(actor);
        if (note is null || !TextRules.HasVisibleText(note)) throw new InvalidInputException(Problem.Of(TextProblems.Required, "note", "Say what the caller said."));
        if (TextRules.Check(note, "note", 1000, multiline: true) is { } bad) throw new InvalidInputException([bad]);
        var ticket = await cases.FindTicketAsync(ticketNumber, access.ScopeOf(actor), ct) ?? throw access.NotFound(actor, "ticket", ticketNumber);
        if (ticket.Status.IsFinal) throw new StateConflictException(Problem.Of(TicketProblems.ClosedNewRequest, null, $"Ticket {ticket.Number} is {ticket.Status}; record a new request instead.",
            ("number", ticket.Number), ("status", ticket.Status)));
        var done = await runtime.AmendAsync(ticket.InstanceId, actor.UserName, "hotline call", amendment =>
        {
            amendment.Record(ticket, "call", $"热线来电：{note!.Trim()}", new System.Text.Json.Nodes.JsonObject { ["note"] = note.Trim() });
            return Task.FromResult(true);
        }, ct);
        if (!done) throw new StateConflictException(Problem.Of(TicketProblems.FlowEnded, null, $"Ticket {ticket.Number}'s flow has ended; record a new request instead.", ("number", ticket.Number)));
    }
}
