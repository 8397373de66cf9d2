using XinchuangFlow.Domain.Dashboards;

namespace XinchuangFlow.Application.Dashboards;

/// <summary>Whose figures a dashboard reads: a city's, an enterprise's (the one serving), a technician's own; none set: the region.</summary>
public sealed record DashboardScope(string? CityCode = null, Guid? EnterpriseId = null, string? TechnicianUser = null);

/// <summary>The daily figures summed over a period under one key (a county, an enterprise, a day).</summary>
public sealed record FigureSum(string Key, int Created, int Reported, int Closed, int OnSiteDue, int OnSiteMet, int SameCityDue, int SameCityMet, int OtherCityDue,
    int OtherCityMet, int SatisfactionSum, int SatisfactionCount, int Dissatisfied, int Complaints)
{
    public static FigureSum Zero(string key) => new(key, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static FigureSum operator +(FigureSum a, FigureSum b) => new(a.Key, a.Created + b.Created, a.Reported + b.Reported, a.Closed + b.Closed,
        a.OnSiteDue + b.OnSiteDue, a.OnSiteMet + b.OnSiteMet, a.SameCityDue + b.SameCityDue, a.SameCityMet + b.SameCityMet, a.OtherCityDue + b.OtherCityDue,
        a.OtherCityMet + b.OtherCityMet, a.SatisfactionSum + b.SatisfactionSum, a.SatisfactionCount + b.SatisfactionCount, a.Dissatisfied + b.Dissatisfied,
        a.Complaints + b.Complaints);

    public static FigureSum Of(string key, DailyFigure f) => new(key, f.Created, f.Reported, f.Closed, f.OnSiteDue, f.OnSiteMet, f.SameCityDue, f.SameCityMet,
        f.OtherCityDue, f.OtherCityMet, f.SatisfactionSum, f.SatisfactionCount, f.Dissatisfied, f.Complaints);

    public static FigureSum Total(string key, IEnumerable<FigureSum> sums) => sums.Aggregate(Zero(key), (a, b) => a + b with { Key = key });
}

/// <summary>Tickets by product category or by platform (OS and CPU); the fields not grouped on are empty.</summary>
public sealed record ProductCount(string Category, string Os, string Cpu, int Tickets);

/// <summary>A period's daily figures summed by county, by enterprise (its id as the key) and by day (yyyy-MM-dd), and the tickets by category and by platform.</summary>
public sealed record DashboardSums(IReadOnlyList<FigureSum> ByCounty, IReadOnlyList<FigureSum> ByEnterprise, IReadOnlyList<FigureSum> ByDay,
    IReadOnlyList<ProductCount> ByCategory, IReadOnlyList<ProductCount> ByPlatform)
{
    /// <summary>Sums rows already folded (a technician's own, computed on the fly; the tests).</summary>
    public static DashboardSums Of(IEnumerable<DailyFigure> figures, IEnumerable<DailyProductFigure> products)
    {
        var f = figures.ToList();
        var p = products.ToList();
        static IReadOnlyList<FigureSum> By(IEnumerable<DailyFigure> rows, Func<DailyFigure, string> key) =>
            rows.GroupBy(key).Select(g => FigureSum.Total(g.Key, g.Select(r => FigureSum.Of(g.Key, r)))).OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
        return new DashboardSums(By(f, r => r.CountyCode), By(f, r => r.EnterpriseId.ToString()), By(f, r => r.Day.ToString("yyyy-MM-dd")),
            p.GroupBy(r => r.ProductCategory).Select(g => new ProductCount(g.Key, "", "", g.Sum(r => r.Created))).ToList(),
            p.GroupBy(r => (r.Os, r.Cpu)).Select(g => new ProductCount("", g.Key.Os, g.Key.Cpu, g.Sum(r => r.Created))).ToList());
    }
}

/// <summary>Open tickets now, and those of them past the deadline of the clock that matters, under one key.</summary>
public sealed record OpenCount(string Key, int Open, int Overdue);

/// <summary>The open and overdue tickets now by county and by enterprise.</summary>
public sealed record OpenCounts(IReadOnlyList<OpenCount> ByCounty, IReadOnlyList<OpenCount> ByEnterprise);

/// <summary>Which tickets a figure stands for (DSH-2 drill-down): the figure's code, its period (days, China time, the end excluded) and narrowing.</summary>
public sealed record DashboardDrill(string Figure, DateOnly From, DateOnly To, string? CityCode = null, string? CountyCode = null, Guid? EnterpriseId = null,
    string? Category = null, string? Os = null, string? Cpu = null);

/// <summary>One ticket of a drill-down list. <see cref="OnSiteKept"/>: the on-site clock kept (true), missed (false), not decided (null).</summary>
public sealed record DashboardTicketRow(string Number, string Title, DateTimeOffset CreatedAt, string Status, string CityCode, string CountyCode, Guid? EnterpriseId,
    string ProductCategory, string? Os, string? Cpu, DateTimeOffset? ClosedAt, DateTimeOffset? NextDueAt, bool? OnSiteKept, int? Satisfaction, bool Reported);

/// <summary>The daily figures and the dashboards' queries (the database layer implements it).</summary>
public interface IDashboardFigures
{
    /// <summary>
    /// Folds again every day touched since the last fold — the days tickets were created or closed on, of the tickets
    /// changed, complained about or whose on-site deadline passed since then — and returns how many days it folded.
    /// </summary>
    Task<int> FoldAsync(CancellationToken ct = default);

    /// <summary>The figures of the days [from, to) within the scope.</summary>
    Task<DashboardSums> SumAsync(DashboardScope scope, DateOnly from, DateOnly to, CancellationToken ct = default);

    /// <summary>The open and overdue tickets at <paramref name="now"/> within the scope (index-backed, not from the figures).</summary>
    Task<OpenCounts> OpenAsync(DashboardScope scope, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>
    /// A page of the tickets behind a figure within the scope, newest first, and how many there are. The on-site figure's
    /// tickets (those whose on-site clock was judged) come missed first, and <c>Missed</c> counts the missed ones (null for
    /// the other figures).
    /// </summary>
    Task<(IReadOnlyList<DashboardTicketRow> Rows, int Total, int? Missed)> TicketsAsync(DashboardScope scope, DashboardDrill drill, DateTimeOffset now, int skip,
        int take, CancellationToken ct = default);
}
