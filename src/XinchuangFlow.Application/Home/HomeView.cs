using XinchuangFlow.Application.Tasks;
using XinchuangFlow.Application.Tickets;
using XinchuangFlow.Engine.Abstractions;

namespace XinchuangFlow.Application.Home;

/// <summary>
/// A user's home page: where they land instead (a technician: the phone pages), and the figures of each part their
/// role has — every figure counted within the user's own scope.
/// </summary>
public sealed record HomeView(HomeSections Sections, string? LandOn, UnitHome? Unit, DeskHome? Desk, CityHome? City, RegionHome? Region, FlowsHome? Flows);

/// <summary>
/// A unit's home: its open requests (newest first, at most <see cref="HomeService.ListLength"/>), how many are open and
/// breached, and what waits on this user — the same tasks the portal asks them to rate or confirm.
/// </summary>
public sealed record UnitHome(int Open, int Breached, int ToRate, int ToConfirm, IReadOnlyList<PortalRow> Requests, IReadOnlyList<PortalComplaint> Complaints);

/// <summary>An inbox's figures: the views' counts, the tasks due within <see cref="HomeService.DueSoon"/>, and the next tasks (soonest deadline first).</summary>
public sealed record DeskHome(InboxCounts Counts, int DueSoon, IReadOnlyList<InboxRow> Next);

/// <summary>A city's figures for its coordinator, and the complaints waiting for their review (soonest deadline first).</summary>
public sealed record CityHome(CaseFigures Figures, int ToReview, IReadOnlyList<InboxRow> Reviews);

/// <summary>The region's figures, and the cities with most overdue tickets.</summary>
public sealed record RegionHome(CaseFigures Figures, IReadOnlyList<CaseFigures> WorstCities);

/// <summary>The flows the Data Bureau runs: how many definitions, instances with faults and the latest of them.</summary>
public sealed record FlowsHome(int Definitions, int Faulted, IReadOnlyList<InstanceSummary> Faults, IReadOnlyDictionary<string, string> FlowNames)
{
    /// <summary>A flow by its name (its id only when it has none).</summary>
    public string NameOf(string definitionId) => FlowNames.GetValueOrDefault(definitionId) is { Length: > 0 } name ? name : definitionId;
}

/// <summary>
/// Counts of one city's cases (or the sum over several, <see cref="CityCode"/> null): open tickets, those whose running
/// clock is past its deadline, those falling due within <see cref="HomeService.DueSoon"/>, open tickets that breached a
/// target, open complaints and complaints waiting for the coordinator's review.
/// </summary>
public sealed record CaseFigures(string? CityCode, int Open, int Overdue, int DueSoon, int Breached, int ComplaintsOpen, int ComplaintsToReview)
{
    public static CaseFigures Sum(IEnumerable<CaseFigures> rows)
    {
        var list = rows.ToList();
        return new CaseFigures(null, list.Sum(r => r.Open), list.Sum(r => r.Overdue), list.Sum(r => r.DueSoon), list.Sum(r => r.Breached),
            list.Sum(r => r.ComplaintsOpen), list.Sum(r => r.ComplaintsToReview));
    }
}
