using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Tasks;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Application.Tickets;

/// <summary>
/// The procurement units' portal (INT-1): their requests and complaints, each with what a clerk needs to know. Reading
/// goes through the same scope as everything else (a unit sees its own unit's cases only); filing goes through
/// <see cref="TicketIntakeService"/>, rating through <see cref="TicketActionService"/>. What waits on the unit is the
/// open task that plays the part (<see cref="TaskKinds.Feedback"/>, <see cref="TaskKinds.ComplaintConfirm"/>) and is
/// theirs to work — not the ticket's status nor a step's id, so a step inserted before it (a review) is waited for.
/// </summary>
public sealed class PortalService(CaseQueryService queries, ICaseDirectory cases, AccessService access, RuleBook rules, TaskService tasks)
{
    public async Task<IReadOnlyList<PortalRow>> MyRequestsAsync(Actor actor, int take = 100, CancellationToken ct = default)
    {
        var (items, _) = await queries.ListTicketsAsync(actor, new TicketFilter(Take: Math.Clamp(take, 1, 200)), ct);
        var rate = await WaitingOnAsync(actor, TaskKinds.Feedback, ct);
        var rows = new List<PortalRow>(items.Count);
        foreach (var t in items)
        {
            // Resolved and waiting for the unit's rating — unless a step before the rating (a review) still runs.
            var awaits = rate.Contains(t.InstanceId);
            var shown = t.Status == TicketStatus.AwaitingFeedback && !awaits ? TicketStatus.Resolved : t.Status;
            rows.Add(new PortalRow(t, shown, await PromiseAsync(t, ct), awaits));
        }
        return rows;
    }

    /// <summary>The unit's complaints, with whether each waits on this user's confirmation.</summary>
    public async Task<IReadOnlyList<PortalComplaint>> MyComplaintsAsync(Actor actor, CancellationToken ct = default)
    {
        var confirm = await WaitingOnAsync(actor, TaskKinds.ComplaintConfirm, ct);
        return (await cases.ListComplaintsAsync(access.ScopeOf(actor), 100, ct)).Select(c => new PortalComplaint(c, confirm.Contains(c.InstanceId))).ToList();
    }

    /// <summary>The instances whose open task of <paramref name="taskKind"/> the actor may work now.</summary>
    private async Task<HashSet<Guid>> WaitingOnAsync(Actor actor, string taskKind, CancellationToken ct) =>
        (await tasks.OpenOfKindAsync(actor, taskKind, Paging.MaxTake, ct))
            .Where(t => access.MayTake(actor, t.AssigneeUser, t.AssigneeRole, t.ClaimedBy)).Select(t => t.InstanceId).ToHashSet();

    /// <summary>What a new request's form starts with: the unit's place, and the contact of its last request.</summary>
    public async Task<NewTicket> DefaultsAsync(Actor actor, CancellationToken ct = default)
    {
        var unit = actor.UnitId is { } id ? await cases.FindUnitAsync(id, ct) : null;
        var (last, _) = await queries.ListTicketsAsync(actor, new TicketFilter(Take: 1), ct);
        var previous = last.FirstOrDefault();
        return new NewTicket(ContactName: previous?.ContactName, ContactPhone: previous?.ContactPhone, ContactEmail: previous?.ContactEmail,
            CityCode: unit?.CityCode ?? previous?.CityCode, CountyCode: unit?.CountyCode ?? previous?.CountyCode, Address: previous?.Address,
            ProcurementUnit: unit?.Name, Impact: Domain.Grading.Impacts.Single);
    }

    /// <summary>The on-site promise of a ticket (see <see cref="OnSitePromise"/>).</summary>
    public async Task<OnSitePromise> PromiseAsync(Ticket t, CancellationToken ct = default)
    {
        var divisions = GuangxiDivisions.Shipped;
        var sameCity = t.ServicePointCounty is { } sp && divisions.SameCity(sp, t.CountyCode);
        var onSite = t.Clocks().OnSite;
        if (onSite.State == Domain.Sla.ClockState.Stopped || t.RemoteHandled)
            return new OnSitePromise(onSite.Target, null, sameCity) { ArrivedAt = t.CheckInAt, Remote = t.RemoteHandled, Kept = onSite.State == Domain.Sla.ClockState.Stopped ? !t.IsLate(onSite, DateTimeOffset.MaxValue) : null };
        if (onSite.State != Domain.Sla.ClockState.NotStarted) return new OnSitePromise(onSite.Target, t.OnSiteDueAt, sameCity);
        if (t.ServicePointCounty is null || divisions.Find(t.CountyCode) is null) return new OnSitePromise(null, null, false);
        var (sla, set) = await rules.SlaAsync(t.CityCode, ct);
        return new OnSitePromise(sla.OnSiteTarget(t.CountyCode, t.ServicePointCounty, t.Grade, divisions, set.Scope).Target, null, sameCity);
    }
}
