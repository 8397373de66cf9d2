using XinchuangFlow.Application.Access;
using XinchuangFlow.Cases;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Application.Tickets.Actions;

/// <summary>The dispatched technician sets out for the site: server time recorded, the ticket shows "travelling". A repeat changes nothing.</summary>
public sealed class SetOutAction : ITicketAction
{
    public const string ActionKey = "set-out";

    public string Key => ActionKey;
    public string TitleKey => "Field.SetOut";
    public string DoneKey => "Field.SetOutDone";
    public IReadOnlyList<TicketActionField> Fields { get; } = [];

    public ValueTask<TicketActionCheck> CheckAsync(Actor actor, Ticket ticket, CancellationToken ct) => ValueTask.FromResult(
        !string.Equals(ticket.TechnicianUser, actor.UserName, StringComparison.OrdinalIgnoreCase) ? TicketActionCheck.NotYou("Only the dispatched technician may set out.")
        : ticket.SetOutAt is not null || ticket.CheckInAt is not null ? TicketActionCheck.AlreadyDone
        : ticket.Status != TicketStatus.Accepted ? TicketActionCheck.NotNow($"Ticket {ticket.Number} is {ticket.Status}; accept it before setting out.")
        : TicketActionCheck.May);

    public Task RunAsync(TicketActionRun run) => run.AmendAsync("set out", (amendment, current) =>
    {
        amendment.Change(current, "status", "工程师已出发", t =>
        {
            t.SetOutAt = amendment.Now;
            t.Status = TicketStatus.Travelling;
        }, new System.Text.Json.Nodes.JsonObject { ["step"] = "setOut" });
        return true;
    });
}
