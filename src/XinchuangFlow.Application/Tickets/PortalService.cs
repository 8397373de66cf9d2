using XinchuangFlow.Application.Access;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Application.Tickets;

/// <summary>
/// The procurement units' portal (INT-1): their requests and complaints, each with what a clerk needs to know. Reading
/// goes through the same scope as everything else (a unit sees its own unit's cases only); filing goes through
/// <see cref="TicketIntakeService"/>, rating through <see cref="TicketActionService"/>.
/// </summary>
public sealed class PortalService(CaseQueryService queries, ICaseDirectory cases, AccessService access, RuleBook rules)
{
    public async Task<IReadOnlyList<PortalRow>> MyRequestsAsync(Actor actor, int take = 100, CancellationToken ct = default)
    {
        var (items, _) = await queries.ListTicketsAsync(actor, new TicketFilter(Take: Math.Clamp(take, 1, 200)), ct);
        var rows = new List<PortalRow>(items.Count);
        foreach (var t in items)
            rows.Add(new PortalRow(t, t.Status.NameZh, await PromiseAsync(t, ct),
                t.Status == TicketStatus.AwaitingFeedback && string.Equals(t.CreatedBy, actor.UserName, StringComparison.OrdinalIgnoreCase)));
        return rows;
    }

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

    public async Task<IReadOnlyList<Complaint>> MyComplaintsAsync(Actor actor, CancellationToken ct = default) =>
        await cases.ListComplaintsAsync(access.ScopeOf(actor), 100, ct);

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
