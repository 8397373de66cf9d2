using XinchuangFlow.Application.Access;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Tickets;

/// <summary>Reading tickets and complaints, always within the caller's scope (SEC-2); what is outside it does not exist.</summary>
public sealed class CaseQueryService(ICaseDirectory cases, ITaskStore store, AccessService access)
{
    public async Task<(IReadOnlyList<Ticket> Items, int Total)> ListTicketsAsync(Actor actor, TicketFilter filter, CancellationToken ct = default)
    {
        var (skip, take) = Paging.Check(filter.Skip, filter.Take);
        return await cases.ListTicketsAsync(filter, skip, take, access.ScopeOf(actor), ct);
    }

    /// <summary>The ticket row when it is in scope; otherwise a logged 404.</summary>
    public async Task<Ticket> GetTicketAsync(Actor actor, string idOrNumber, CancellationToken ct = default) =>
        await cases.FindTicketAsync(idOrNumber, access.ScopeOf(actor), ct) ?? throw access.NotFound(actor, "ticket", idOrNumber);

    /// <summary>The signed-in technician's tickets to work, the on-site deadline first (the phone page's list); empty for others.</summary>
    public async Task<IReadOnlyList<Ticket>> MyFieldTicketsAsync(Actor actor, CancellationToken ct = default) =>
        actor.IsInRole(Roles.Technician) && actor.UserName is { } user ? await cases.TechnicianQueueAsync(user, 100, ct) : [];

    public async Task<TicketDetail> GetTicketDetailAsync(Actor actor, string idOrNumber, CancellationToken ct = default)
    {
        var ticket = await GetTicketAsync(actor, idOrNumber, ct);
        var history = await cases.HistoryAsync(ticket.Id, ct);
        var tasks = await store.ListTasksAsync(new TaskQuery(InstanceId: ticket.InstanceId, Status: HumanTaskStatus.Open, Take: 100), ct);
        return new TicketDetail(ticket, history, tasks, await cases.ComplaintsOfTicketAsync(ticket.Id, ct));
    }

    public async Task<ComplaintDetail> GetComplaintAsync(Actor actor, Guid id, CancellationToken ct = default) =>
        await DetailAsync(await cases.FindComplaintAsync(id, access.ScopeOf(actor), ct) ?? throw access.NotFound(actor, "complaint", id), ct);

    /// <summary>A complaint by its number (TS-…, as a flow's correlation names it), within scope like by its id.</summary>
    public async Task<ComplaintDetail> GetComplaintByNumberAsync(Actor actor, string number, CancellationToken ct = default) =>
        await DetailAsync(await cases.FindComplaintByNumberAsync(number, access.ScopeOf(actor), ct) ?? throw access.NotFound(actor, "complaint", number), ct);

    private async Task<ComplaintDetail> DetailAsync(Complaint complaint, CancellationToken ct)
    {
        var history = await cases.HistoryAsync(complaint.Id, ct);
        var tasks = await store.ListTasksAsync(new TaskQuery(InstanceId: complaint.InstanceId, Status: HumanTaskStatus.Open, Take: 100), ct);
        return new ComplaintDetail(complaint, history, tasks);
    }
}
