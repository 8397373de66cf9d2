using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Tasks;
using XinchuangFlow.Application.Tickets;
using XinchuangFlow.Application.Workflows;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Home;

/// <summary>
/// Each role's home (issue 21 §4): what waits for the user, what falls due soon, what breached, what to do next. Which
/// parts a user gets is the access service's decision (<see cref="AccessService.HomeOf"/>); every figure comes from the
/// scoped services and queries the other pages use (portal, inbox, case directory, instances), so a home never counts
/// what its user may not see.
/// </summary>
public sealed class HomeService(AccessService access, PortalService portal, InboxService inbox, ICaseDirectory cases,
    InstanceService instances, DefinitionAppService definitions, TimeProvider clock)
{
    /// <summary>What counts as "due soon".</summary>
    public static readonly TimeSpan DueSoon = TimeSpan.FromHours(2);

    /// <summary>How many rows a home's lists show.</summary>
    public const int ListLength = 5;

    /// <summary>How many cities the region's "most overdue" list names.</summary>
    public const int WorstCities = 5;

    public async Task<HomeView> GetAsync(Actor actor, CancellationToken ct = default)
    {
        var sections = access.HomeOf(actor);
        if (sections == HomeSections.Field) return new HomeView(sections, "/m", null, null, null, null, null);
        var now = clock.GetUtcNow();
        var scope = access.ScopeOf(actor);
        IReadOnlyList<CaseFigures>? cities = null;
        async Task<IReadOnlyList<CaseFigures>> Cities() => cities ??= await cases.CaseFiguresAsync(scope, now, DueSoon, ct);

        UnitHome? unit = null;
        if (sections.HasFlag(HomeSections.Unit))
        {
            var figures = CaseFigures.Sum(await Cities());
            var requests = await portal.MyRequestsAsync(actor, 200, ct);
            var complaints = await portal.MyComplaintsAsync(actor, ct);
            unit = new UnitHome(figures.Open, figures.Breached, requests.Count(r => r.AwaitsMyFeedback), complaints.Count(c => c.AwaitsMyConfirmation),
                requests.Where(r => r.AwaitsMyFeedback || !r.Status.IsFinal).OrderByDescending(r => r.AwaitsMyFeedback).Take(ListLength).ToList(),
                complaints.Where(c => c.AwaitsMyConfirmation || c.Complaint.Status != ComplaintStatus.Closed).Take(ListLength).ToList());
        }

        DeskHome? desk = null;
        if (sections.HasFlag(HomeSections.Inbox))
        {
            var counts = await inbox.CountsAsync(actor, ct);
            var (next, _) = await inbox.ListAsync(actor, new InboxQuery(counts.Mine > 0 ? InboxView.Mine : InboxView.Team, Take: ListLength), ct);
            desk = new DeskHome(counts, await inbox.CountDueWithinAsync(actor, DueSoon, ct), next);
        }

        CityHome? city = null;
        if (sections.HasFlag(HomeSections.City))
        {
            var figures = (await Cities()).FirstOrDefault(c => c.CityCode == actor.CityCode) ?? new CaseFigures(actor.CityCode, 0, 0, 0, 0, 0, 0);
            var (reviews, total) = await inbox.ListAsync(actor, new InboxQuery(InboxView.All, Kind: TaskKinds.ComplaintReview, Take: ListLength), ct);
            city = new CityHome(figures, total, reviews);
        }

        RegionHome? region = null;
        if (sections.HasFlag(HomeSections.Region))
        {
            var all = await Cities();
            region = new RegionHome(CaseFigures.Sum(all),
                all.Where(c => c.Overdue + c.Breached > 0).OrderByDescending(c => c.Overdue).ThenByDescending(c => c.Breached).ThenBy(c => c.CityCode).Take(WorstCities).ToList());
        }

        FlowsHome? flows = null;
        if (sections.HasFlag(HomeSections.Flows))
        {
            var versions = await definitions.ListAsync(actor, null, ct);
            var names = versions.GroupBy(d => d.DefinitionId).ToDictionary(g => g.Key, g => g.MaxBy(d => d.Version)!.Name, StringComparer.Ordinal);
            var (faults, faulted) = await instances.ListAsync(actor, new InstanceFilter(Status: WorkflowStatus.Faulted), 0, ListLength, ct);
            flows = new FlowsHome(names.Count, faulted, faults, names);
        }
        return new HomeView(sections, null, unit, desk, city, region, flows);
    }
}
