using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Assessment;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Time;

namespace XinchuangFlow.Application.Dashboards;

/// <summary>The figures a dashboard shows, each of which drills down to its tickets (DSH-2).</summary>
public static class DashboardFigureCodes
{
    public const string Open = "open", Overdue = "overdue", Created = "created", Closed = "closed", OnSite = "onsite", Rated = "rated",
        Dissatisfied = "dissatisfied", Complaints = "complaints";

    public static readonly IReadOnlyList<string> All = [Open, Overdue, Created, Closed, OnSite, Rated, Dissatisfied, Complaints];

    /// <summary>
    /// The figures counted now, whatever the period: the tickets open (and overdue) at this moment, however long ago they
    /// were created — the others count what happened within the period.
    /// </summary>
    public static readonly IReadOnlyList<string> CountedNow = [Open, Overdue];
}

/// <summary>Problem codes of the dashboards.</summary>
[ProblemCodes]
public static class DashboardProblems
{
    /// <summary>Arguments: field (figure), value: not one of the dashboard's figures.</summary>
    public const string UnknownFigure = "dashboard-unknown-figure";
}

/// <summary>One line of a dashboard: a city, a county, an enterprise, or the whole scope (key empty).</summary>
public sealed record DashboardRow(string Key, string Name, int Open, int Overdue, int Created, int Closed, int OnSiteDue, int OnSiteMet, double? OnSitePercent,
    double? SameCityPercent, double? OtherCityPercent, double? Satisfaction, int Rated, int Dissatisfied, int Complaints);

/// <summary>One week of the trend (Monday to Sunday, China time).</summary>
public sealed record DashboardWeek(DateOnly Monday, int Created, int Closed, double? OnSitePercent, double? Satisfaction, int Complaints);

/// <summary>
/// A dashboard (DSH-1): its reach (region, city, enterprise, technician), period (days, the end excluded), the totals,
/// the lines by city, county and enterprise, the weekly trend, the top product categories and platforms, and the
/// counties its map shows.
/// </summary>
public sealed record DashboardView(string Reach, string? CityCode, Guid? EnterpriseId, DateOnly From, DateOnly To, DateTimeOffset AsOf, DashboardRow Totals,
    IReadOnlyList<DashboardRow> ByCity, IReadOnlyList<DashboardRow> ByCounty, IReadOnlyList<DashboardRow> ByEnterprise, IReadOnlyList<DashboardWeek> Weeks,
    IReadOnlyList<ProductCount> TopCategories, IReadOnlyList<ProductCount> TopPlatforms, IReadOnlyList<string> MapCounties)
{
    /// <summary>The period's last day as shown: the day before <see cref="To"/>, but never after today (China time) — the days to come count nothing yet.</summary>
    public DateOnly LastDay => DashboardService.LastDayShown(To, AsOf);

    /// <summary>
    /// Whether the bars by city say something: not within one city (a coordinator's), and for a reach that is not the
    /// region's (a technician's, an enterprise's) only when its tickets are in more than one city.
    /// </summary>
    public bool ShowsCities => CityCode is null && (Reach == "region" || ByCity.Count(r => r.Created + r.Open + r.OnSiteDue > 0) > 1);

    /// <summary>Whether the bars by enterprise say something: the region's and a city's dashboards, with an enterprise in them (not an enterprise's or a technician's own).</summary>
    public bool ShowsEnterprises => Reach is "region" or "city" && ByEnterprise.Count > 0;
}

/// <summary>
/// A page of a figure's tickets. <see cref="Missed"/>: for the on-site figure (the tickets whose on-site clock was
/// judged, missed first), how many of <see cref="Total"/> missed it; null for the other figures.
/// </summary>
public sealed record DashboardTickets(DashboardDrill Drill, int Total, int Skip, int Take, IReadOnlyList<DashboardTicketRow> Rows, int? Missed = null);

/// <summary>One enterprise's line of a quarter's ranking (the procurement cloud platform's columns, docs/data-standard.md).</summary>
public sealed record RankingRow(int Rank, string Quarter, Guid EnterpriseId, string EnterpriseName, string Kind, string ShortlistStatus, int Tickets,
    int OnSiteDue, int OnSiteMet, double? OnSitePercent, double? SameCityPercent, double? OtherCityPercent, int Rated, double? Satisfaction, int Complaints,
    double? ComplaintsPer100);

/// <summary>
/// The dashboards per role (DSH-1, DSH-2): the Data Bureau and the Intranet Office see the region, a municipal
/// coordinator their city, an enterprise's manager the tickets their enterprise served, a technician their own. Read
/// from the daily figures (<see cref="IDashboardFigures"/>) and the open tickets; every figure drills down to a paged
/// list of its tickets within the caller's scope — a narrowing outside it is refused and logged.
/// </summary>
public sealed partial class DashboardService(IDashboardFigures figures, INetworkRepository network, GuangxiDivisions divisions, AccessService access, TimeProvider clock)
{
    public const int Weeks = 12, TopN = 10;

    /// <summary>The scope of the caller's dashboard, narrowed as asked (a city, an enterprise) within it; refused (logged) outside it.</summary>
    public (string Reach, DashboardScope Scope) ScopeOf(Actor actor, string? cityCode = null, Guid? enterpriseId = null)
    {
        var (reach, technician) = access.DashboardReachOf(actor);
        if (technician is not null)
        {
            if (cityCode is not null || enterpriseId is not null) throw access.Denied(actor, "narrow the dashboard", "A technician's dashboard shows their own tickets.");
            return ("technician", new DashboardScope(TechnicianUser: technician));
        }
        var kpi = KpiService.ScopeOf(access, actor, reach, enterpriseId, cityCode, "read the dashboard",
            "The dashboards are for the Data Bureau, the Intranet Office, the municipal coordinators, the enterprises' managers, the dispatchers and the technicians.");
        var name = reach switch { { Region: true } => "region", { City: not null } => "city", _ => "enterprise" };
        return (name, new DashboardScope(kpi.CityCode, kpi.EnterpriseId));
    }

    /// <summary>The period asked (a quarter, or days) or else the last <see cref="Weeks"/> weeks to the end of this one.</summary>
    public (DateOnly From, DateOnly To) PeriodOf(string? quarter, DateOnly? from, DateOnly? to)
    {
        if (quarter is { Length: > 0 } || from is not null || to is not null)
        {
            var p = KpiService.PeriodOf(quarter, from, to);
            return (ChinaTime.DayOf(p.From), ChinaTime.DayOf(p.To));
        }
        var today = ChinaTime.Today(clock);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        return (monday.AddDays(-7 * (Weeks - 1)), monday.AddDays(7));
    }

    /// <summary>The last day of a period ending (excluded) at <paramref name="to"/> as shown at <paramref name="asOf"/>: never after that day (China time).</summary>
    public static DateOnly LastDayShown(DateOnly to, DateTimeOffset asOf)
    {
        var last = to.AddDays(-1);
        var today = ChinaTime.DayOf(asOf);
        return last > today ? today : last;
    }

    public async Task<DashboardView> ViewAsync(Actor actor, string? quarter = null, DateOnly? from = null, DateOnly? to = null, string? cityCode = null,
        Guid? enterpriseId = null, CancellationToken ct = default)
    {
        var (reach, scope) = ScopeOf(actor, cityCode, enterpriseId);
        var (f, t) = PeriodOf(quarter, from, to);
        var now = clock.GetUtcNow();
        var sums = await figures.SumAsync(scope, f, t, ct);
        var open = await figures.OpenAsync(scope, now, ct);
        var names = (await network.EnterprisesAsync(ct)).ToDictionary(e => e.Id.ToString(), e => e.Name);
        return Compose(reach, scope, f, t, now, sums, open, divisions, names);
    }

    /// <summary>Puts the summed figures and open counts together into the view. Pure.</summary>
    public static DashboardView Compose(string reach, DashboardScope scope, DateOnly from, DateOnly to, DateTimeOffset now, DashboardSums sums, OpenCounts open,
        GuangxiDivisions divisions, IReadOnlyDictionary<string, string> enterpriseNames)
    {
        var openByCounty = open.ByCounty.ToDictionary(o => o.Key);
        var openByEnterprise = open.ByEnterprise.ToDictionary(o => o.Key);
        string CityOfCounty(string county) => county.Length >= 4 ? county[..4] : county;

        // Counties: those of the scope's map (every county of the city, or of the region) and any with figures.
        var mapCounties = scope.CityCode is { } city ? divisions.CountiesOf(city).Select(c => c.Code).ToList() : divisions.Counties.Select(c => c.Code).ToList();
        var sumByCounty = sums.ByCounty.ToDictionary(s => s.Key);
        var countyKeys = mapCounties.Union(sums.ByCounty.Select(s => s.Key)).Union(open.ByCounty.Select(o => o.Key)).Where(k => k.Length > 0).Order(StringComparer.Ordinal);
        var byCounty = countyKeys.Select(k => Row(k, divisions.Find(k)?.Name ?? k, sumByCounty.GetValueOrDefault(k) ?? FigureSum.Zero(k), openByCounty.GetValueOrDefault(k)))
            .Where(r => mapCounties.Contains(r.Key) || r.Created + r.Open + r.Closed > 0).ToList();

        var cityKeys = byCounty.Select(r => CityOfCounty(r.Key)).Distinct().Order(StringComparer.Ordinal);
        var byCity = cityKeys.Select(c =>
        {
            var rows = sums.ByCounty.Where(s => CityOfCounty(s.Key) == c).ToList();
            var opens = open.ByCounty.Where(o => CityOfCounty(o.Key) == c).ToList();
            return Row(c, divisions.Find(c)?.Name ?? c, FigureSum.Total(c, rows), new OpenCount(c, opens.Sum(o => o.Open), opens.Sum(o => o.Overdue)));
        }).Where(r => scope.CityCode is null || r.Key == scope.CityCode).ToList();

        var enterpriseKeys = sums.ByEnterprise.Select(s => s.Key).Union(open.ByEnterprise.Select(o => o.Key)).Where(k => k != Guid.Empty.ToString())
            .Order(StringComparer.Ordinal);
        var sumByEnterprise = sums.ByEnterprise.ToDictionary(s => s.Key);
        var byEnterprise = enterpriseKeys.Select(k => Row(k, enterpriseNames.GetValueOrDefault(k) ?? "", sumByEnterprise.GetValueOrDefault(k) ?? FigureSum.Zero(k),
            openByEnterprise.GetValueOrDefault(k))).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();

        var totals = Row("", "", FigureSum.Total("", sums.ByCounty), new OpenCount("", open.ByCounty.Sum(o => o.Open), open.ByCounty.Sum(o => o.Overdue)));

        var weeks = new List<DashboardWeek>();
        var byDay = sums.ByDay.ToDictionary(s => s.Key);
        var firstMonday = from.AddDays(-(((int)from.DayOfWeek + 6) % 7));
        for (var monday = firstMonday; monday < to; monday = monday.AddDays(7))
        {
            var days = Enumerable.Range(0, 7).Select(i => monday.AddDays(i)).Where(d => d >= from && d < to)
                .Select(d => byDay.GetValueOrDefault(d.ToString("yyyy-MM-dd"))).OfType<FigureSum>();
            var w = FigureSum.Total("", days);
            weeks.Add(new DashboardWeek(monday, w.Created, w.Closed, Percent(w.OnSiteMet, w.OnSiteDue), Mean(w.SatisfactionSum, w.SatisfactionCount), w.Complaints));
        }
        return new DashboardView(reach, scope.CityCode, scope.EnterpriseId, from, to, now, totals, byCity, byCounty, byEnterprise, weeks,
            sums.ByCategory.OrderByDescending(p => p.Tickets).ThenBy(p => p.Category, StringComparer.Ordinal).Take(TopN).ToList(),
            sums.ByPlatform.Where(p => p.Os.Length > 0 || p.Cpu.Length > 0).OrderByDescending(p => p.Tickets).ThenBy(p => p.Os, StringComparer.Ordinal).ThenBy(p => p.Cpu, StringComparer.Ordinal).Take(TopN).ToList(),
            mapCounties);
    }

    private static DashboardRow Row(string key, string name, FigureSum s, OpenCount? open) => new(key, name, open?.Open ?? 0, open?.Overdue ?? 0, s.Created, s.Closed,
        s.OnSiteDue, s.OnSiteMet, Percent(s.OnSiteMet, s.OnSiteDue), Percent(s.SameCityMet, s.SameCityDue), Percent(s.OtherCityMet, s.OtherCityDue),
        Mean(s.SatisfactionSum, s.SatisfactionCount), s.SatisfactionCount, s.Dissatisfied, s.Complaints);

    public static double? Percent(int part, int whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 1);

    public static double? Mean(int sum, int count) => count == 0 ? null : Math.Round((double)sum / count, 2);

    /// <summary>
    /// A page of the tickets behind a figure, within the caller's scope: a city or enterprise outside it is refused
    /// (logged); a county outside the caller's city finds nothing.
    /// </summary>
    public async Task<DashboardTickets> TicketsAsync(Actor actor, string? figure, string? quarter, DateOnly? from, DateOnly? to, string? cityCode, string? countyCode,
        Guid? enterpriseId, string? category, string? os, string? cpu, int? skip, int? take, CancellationToken ct = default)
    {
        var (s, k) = Paging.Check(skip, take);
        var code = figure?.Trim() ?? "";
        if (!DashboardFigureCodes.All.Contains(code))
            throw new InvalidInputException(Problem.Of(DashboardProblems.UnknownFigure, "figure", $"Give one of the figures: {string.Join(", ", DashboardFigureCodes.All)}.",
                ("value", figure ?? "")));
        var (_, scope) = ScopeOf(actor, cityCode, enterpriseId);
        if (countyCode is { Length: > 0 } && scope.CityCode is { } own && !countyCode.StartsWith(own, StringComparison.Ordinal))
            throw access.Denied(actor, $"read the dashboard of county {countyCode}", "A municipal coordinator reads the service data of their own city.");
        var (f, t) = PeriodOf(quarter, from, to);
        var drill = new DashboardDrill(code, f, t, cityCode ?? scope.CityCode, Blank(countyCode), enterpriseId ?? scope.EnterpriseId, Blank(category), Blank(os), Blank(cpu));
        var (rows, total, missed) = await figures.TicketsAsync(scope, drill, clock.GetUtcNow(), s, k, ct);
        return new DashboardTickets(drill, total, s, k, rows, missed);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>
    /// The ranking of the enterprises for a quarter (the procurement cloud platform's form): by on-site compliance, then
    /// satisfaction, then fewer complaints per 100 tickets; enterprises with no decided on-site clock come last. Read by
    /// those who read the region's dashboard; an enterprise's manager sees the whole ranking too (it is published).
    /// </summary>
    public async Task<IReadOnlyList<RankingRow>> RankingAsync(Actor actor, string? quarter, CancellationToken ct = default)
    {
        var (reach, _) = access.DashboardReachOf(actor);
        if (reach is null) throw access.Denied(actor, "read the enterprises' ranking", "The ranking is for the Data Bureau, the Intranet Office, the coordinators and the enterprises.");
        var q = string.IsNullOrWhiteSpace(quarter) ? QuarterOf(ChinaTime.Today(clock)) : quarter;
        var (f, t) = PeriodOf(q, null, null);
        var sums = await figures.SumAsync(new DashboardScope(), f, t, ct);
        var byEnterprise = sums.ByEnterprise.ToDictionary(s => s.Key);
        var enterprises = await network.EnterprisesAsync(ct);
        var label = q.Trim().ToUpperInvariant();
        var rows = enterprises.Select(e => (e, s: byEnterprise.GetValueOrDefault(e.Id.ToString()) ?? FigureSum.Zero(e.Id.ToString())))
            .OrderBy(x => x.s.OnSiteDue == 0).ThenByDescending(x => Percent(x.s.OnSiteMet, x.s.OnSiteDue) ?? 0)
            .ThenByDescending(x => Mean(x.s.SatisfactionSum, x.s.SatisfactionCount) ?? 0)
            .ThenBy(x => x.s.Created == 0 ? double.MaxValue : 100.0 * x.s.Complaints / x.s.Created).ThenBy(x => x.e.Name, StringComparer.Ordinal).ToList();
        return rows.Select((x, i) => new RankingRow(i + 1, label, x.e.Id, x.e.Name, x.e.Kind.ToString(), x.e.Status.ToString(), x.s.Created, x.s.OnSiteDue, x.s.OnSiteMet,
            Percent(x.s.OnSiteMet, x.s.OnSiteDue), Percent(x.s.SameCityMet, x.s.SameCityDue), Percent(x.s.OtherCityMet, x.s.OtherCityDue), x.s.SatisfactionCount,
            Mean(x.s.SatisfactionSum, x.s.SatisfactionCount), x.s.Complaints, x.s.Created == 0 ? null : Math.Round(100.0 * x.s.Complaints / x.s.Created, 2))).ToList();
    }

    private static string QuarterOf(DateOnly day) => $"{day.Year}Q{(day.Month - 1) / 3 + 1}";
}
