using XinchuangFlow.Application.Access;
using XinchuangFlow.Cases.Activities;
using XinchuangFlow.Domain.Dispatch;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Application.Tickets;

/// <summary>
/// The technicians offered to a dispatcher choosing by hand (manual dispatch, re-dispatch): the dispatch planner run on
/// the ticket as it is now — the same network snapshot, city rules and order as automatic dispatch — so the list says
/// who qualifies, in which order and why the others do not. Agents only, and only for a ticket in their scope (another
/// tenant's ticket is a logged 404); technicians of an enterprise the caller may not see are left out. The page's picker
/// and <c>GET /api/tickets/{idOrNumber}/dispatch-candidates</c> both ask here.
/// </summary>
public sealed class DispatchCandidateService(CaseQueryService queries, ICaseDirectory cases, INetworkRepository network, DispatchPlanner planner,
    RuleBook rules, GuangxiDivisions divisions, AccessService access, TimeProvider clock)
{
    /// <summary>The most qualified technicians listed (the rest are counted).</summary>
    public const int MaxQualified = 200;

    /// <summary>The most disqualified technicians listed: those a dispatcher may still choose first, then the nearest (the rest are counted).</summary>
    public const int MaxDisqualified = 10;

    public async Task<DispatchCandidates> ForTicketAsync(Actor actor, string idOrNumber, CancellationToken ct = default)
    {
        if (!access.IsAgent(actor))
            throw access.Denied(actor, "see dispatch candidates", "Only dispatchers, the enterprise's service manager, coordinators and the Data Bureau dispatch.");
        var ticket = await queries.GetTicketAsync(actor, idOrNumber, ct);
        var now = clock.GetUtcNow();
        var request = new DispatchRequest(ticket.Number, ticket.CountyCode, ticket.ProductCategory, ticket.Grade ?? Grade.Default, ticket.IntegratorId, now);
        var (cityRules, _) = await rules.DispatchAsync(ticket.CityCode, ct);
        var snapshot = await network.DispatchSnapshotAsync(ticket.IntegratorId, ticket.ProductCategory, ct);
        var decision = planner.Plan(request, snapshot, cityRules);
        var (ruleZh, ruleEn) = (decision.RuleZh, decision.RuleEn);
        if (decision.Chosen is null && ticket.IntegratorId is { } responsible
            && snapshot.Enterprises.FirstOrDefault(e => e.Id == responsible) is { Status: not ShortlistStatus.Active })
        {
            // The responsible integrator may not receive work (suspended, removed): whoever coordinates chooses among the
            // technicians of the integrators still on the shortlist, in the planner's order — not an empty list.
            snapshot = await network.DispatchSnapshotAsync(null, ticket.ProductCategory, ct);
            decision = planner.Plan(request with { ResponsibleIntegratorId = null }, snapshot, cityRules);
            (ruleZh, ruleEn) = (ruleZh + "以下为名录中其他集成商的工程师。", ruleEn + " Listed below: technicians of the other integrators on the shortlist.");
        }

        var technicians = snapshot.Technicians.ToDictionary(t => t.Id);
        var points = snapshot.ServicePoints.ToDictionary(p => p.Id, p => p.Name);
        var qualified = decision.Ranked.Where(r => access.MaySeeEnterprise(actor, r.Technician.EnterpriseId)).ToList();
        // Whom a dispatcher may still choose knowingly is the manual step's own check (the one re-dispatch applies too), not
        // the planner's stricter order: those come first, then the nearest who cannot take the ticket at all.
        var disqualified = decision.Rejected
            .Where(r => r.Code != "ranked-lower" && technicians.TryGetValue(r.TechnicianId, out var t) && access.MaySeeEnterprise(actor, t.EnterpriseId))
            .Select(r => new DisqualifiedTechnician(technicians[r.TechnicianId].UserName, r.Technician, r.Code, r.ReasonZh, r.ReasonEn,
                AssignActivity.TechnicianProblem(snapshot, technicians[r.TechnicianId].UserName, ticket.ProductCategory, now, out _, out _) is null,
                points.GetValueOrDefault(technicians[r.TechnicianId].ServicePointId)))
            .OrderByDescending(d => d.MayStillBeAssigned)
            .ToList();
        return new DispatchCandidates(ticket.Number, ruleZh, ruleEn, ticket.TechnicianUser,
            qualified.Take(MaxQualified).Select((r, i) => new QualifiedTechnician(i + 1, r.Technician.UserName, r.Technician.Name, r.ServicePoint.Name, r.Proximity,
                r.Proximity == Proximity.OtherCity ? divisions.CityOf(r.ServicePoint.CountyCode)?.Name : null, Math.Round(r.DistanceKm), r.OpenWork,
                r.PreferredServicePoint, r.FallbackCity)).ToList(),
            qualified.Count,
            disqualified.Take(MaxDisqualified).ToList(),
            disqualified.Count);
    }

    /// <summary>The candidates for the ticket whose flow an instance is (a task form knows its instance, not its ticket).</summary>
    public async Task<DispatchCandidates> ForInstanceAsync(Actor actor, Guid instanceId, CancellationToken ct = default) =>
        await cases.CaseOfInstanceAsync(instanceId, ct) is { Kind: "ticket" } ticket
            ? await ForTicketAsync(actor, ticket.Number, ct)
            : throw access.NotFound(actor, "ticket of instance", instanceId);
}
