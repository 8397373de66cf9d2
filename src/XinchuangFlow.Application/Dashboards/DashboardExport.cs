using MiniExcelLibs;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Domain.Time;

namespace XinchuangFlow.Application.Dashboards;

/// <summary>The dashboards' exports to Excel (DSH-2): every table and chart of a dashboard, every drill-down list, the ranking.</summary>
public sealed partial class DashboardService
{
    /// <summary>The tables a dashboard exports: the lines by city, county, enterprise, the weeks, the top categories and platforms.</summary>
    public static readonly IReadOnlyList<string> Tables = ["cities", "counties", "enterprises", "weeks", "categories", "platforms"];

    /// <summary>At most this many tickets go into one exported list.</summary>
    public const int MaxExport = 10_000;

    private const string Xlsx = ".xlsx";

    /// <summary>Writes one of the dashboard's <see cref="Tables"/> headed in the reader's language; returns the file's name.</summary>
    public async Task<string> WriteTableAsync(Actor actor, string? table, string? quarter, DateOnly? from, DateOnly? to, string? cityCode, Guid? enterpriseId,
        Stream output, Func<string, string?> text, CancellationToken ct = default)
    {
        var name = table?.Trim().ToLowerInvariant() ?? "";
        if (!Tables.Contains(name))
            throw new InvalidInputException(Problem.Of(DashboardProblems.UnknownFigure, "table", $"Give one of the tables: {string.Join(", ", Tables)}.", ("value", table ?? "")));
        var view = await ViewAsync(actor, quarter, from, to, cityCode, enterpriseId, ct);
        string T(string key) => text(key) ?? key;
        List<IDictionary<string, object?>> rows = name switch
        {
            "cities" => view.ByCity.Select(r => Line(r, T("Dashboard.Col.city"), T)).ToList(),
            "counties" => view.ByCounty.Select(r => Line(r, T("Dashboard.Col.county"), T)).ToList(),
            "enterprises" => view.ByEnterprise.Select(r => Line(r, T("Dashboard.Col.enterprise"), T)).ToList(),
            "weeks" => view.Weeks.Select(w => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                [T("Dashboard.Col.week")] = w.Monday.ToDateTime(TimeOnly.MinValue),
                [T("Dashboard.Col.created")] = w.Created,
                [T("Dashboard.Col.closed")] = w.Closed,
                [T("Dashboard.Col.onSitePercent")] = w.OnSitePercent,
                [T("Dashboard.Col.satisfaction")] = w.Satisfaction,
                [T("Dashboard.Col.complaints")] = w.Complaints,
            }).ToList(),
            "categories" => view.TopCategories.Select(c => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                [T("Dashboard.Col.category")] = text("Category." + c.Category) ?? c.Category,
                [T("Dashboard.Col.tickets")] = c.Tickets,
            }).ToList(),
            _ => view.TopPlatforms.Select(c => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                [T("Dashboard.Col.os")] = c.Os.Length == 0 ? T("Dashboard.NotGiven") : c.Os,
                [T("Dashboard.Col.cpu")] = c.Cpu.Length == 0 ? T("Dashboard.NotGiven") : c.Cpu,
                [T("Dashboard.Col.tickets")] = c.Tickets,
            }).ToList(),
        };
        await Task.Run(() => MiniExcel.SaveAs(output, rows, sheetName: T("Dashboard.Table." + name), excelType: ExcelType.XLSX), ct);
        return $"dashboard-{name}-{view.From:yyyyMMdd}-{view.To.AddDays(-1):yyyyMMdd}{Xlsx}";
    }

    private static IDictionary<string, object?> Line(DashboardRow r, string keyColumn, Func<string, string> T) => new Dictionary<string, object?>
    {
        [keyColumn] = r.Name,
        [T("Dashboard.Col.open")] = r.Open,
        [T("Dashboard.Col.overdue")] = r.Overdue,
        [T("Dashboard.Col.created")] = r.Created,
        [T("Dashboard.Col.closed")] = r.Closed,
        [T("Dashboard.Col.onSiteDue")] = r.OnSiteDue,
        [T("Dashboard.Col.onSiteMet")] = r.OnSiteMet,
        [T("Dashboard.Col.onSitePercent")] = r.OnSitePercent,
        [T("Dashboard.Col.sameCityPercent")] = r.SameCityPercent,
        [T("Dashboard.Col.otherCityPercent")] = r.OtherCityPercent,
        [T("Dashboard.Col.satisfaction")] = r.Satisfaction,
        [T("Dashboard.Col.rated")] = r.Rated,
        [T("Dashboard.Col.complaints")] = r.Complaints,
    };

    /// <summary>Writes a figure's tickets (at most <see cref="MaxExport"/>) within the caller's scope; returns the file's name.</summary>
    public async Task<string> WriteTicketsAsync(Actor actor, string? figure, string? quarter, DateOnly? from, DateOnly? to, string? cityCode, string? countyCode,
        Guid? enterpriseId, string? category, string? os, string? cpu, Stream output, Func<string, string?> text, CancellationToken ct = default)
    {
        var first = await TicketsAsync(actor, figure, quarter, from, to, cityCode, countyCode, enterpriseId, category, os, cpu, 0, 1, ct);
        var (_, scope) = ScopeOf(actor, cityCode, enterpriseId);
        var (rows, _, _) = await figures.TicketsAsync(scope, first.Drill, clock.GetUtcNow(), 0, MaxExport, ct);
        var names = (await network.EnterprisesAsync(ct)).ToDictionary(e => e.Id, e => e.Name);
        string T(string key) => text(key) ?? key;
        var sheet = rows.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            [T("Dashboard.Col.number")] = r.Number,
            [T("Dashboard.Col.title")] = r.Title,
            [T("Dashboard.Col.createdAt")] = ChinaTime.ToChina(r.CreatedAt).DateTime,
            [T("Dashboard.Col.status")] = text("Status." + r.Status) ?? r.Status,
            [T("Dashboard.Col.city")] = divisions.Find(r.CityCode)?.Name ?? r.CityCode,
            [T("Dashboard.Col.county")] = divisions.Find(r.CountyCode)?.Name ?? r.CountyCode,
            [T("Dashboard.Col.enterprise")] = r.EnterpriseId is { } e ? names.GetValueOrDefault(e) ?? "" : "",
            [T("Dashboard.Col.category")] = text("Category." + r.ProductCategory) ?? r.ProductCategory,
            [T("Dashboard.Col.os")] = r.Os ?? "",
            [T("Dashboard.Col.cpu")] = r.Cpu ?? "",
            [T("Dashboard.Col.onSite")] = r.OnSiteKept switch { true => T("Dashboard.OnSite.kept"), false => T("Dashboard.OnSite.missed"), _ => "" },
            [T("Dashboard.Col.satisfaction")] = r.Satisfaction,
            [T("Dashboard.Col.closedAt")] = r.ClosedAt is { } c ? ChinaTime.ToChina(c).DateTime : null,
        }).ToList();
        await Task.Run(() => MiniExcel.SaveAs(output, sheet, sheetName: T("Dashboard.Figure." + first.Drill.Figure), excelType: ExcelType.XLSX), ct);
        return $"dashboard-{first.Drill.Figure}-{first.Drill.From:yyyyMMdd}-{first.Drill.To.AddDays(-1):yyyyMMdd}{Xlsx}";
    }

    /// <summary>
    /// The ranking as the procurement cloud platform takes it (docs/data-standard.md, "Enterprise ranking"): fixed column
    /// codes, one row per enterprise, percentages as numbers. Returns the file's name.
    /// </summary>
    public async Task<string> WriteRankingAsync(Actor actor, string? quarter, Stream output, CancellationToken ct = default)
    {
        var rows = await RankingAsync(actor, quarter, ct);
        var sheet = rows.Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["rank"] = r.Rank, ["quarter"] = r.Quarter, ["enterprise_id"] = r.EnterpriseId.ToString(), ["enterprise_name"] = r.EnterpriseName,
            ["enterprise_kind"] = r.Kind.ToLowerInvariant(), ["shortlist_status"] = r.ShortlistStatus.ToLowerInvariant(), ["tickets"] = r.Tickets,
            ["onsite_due"] = r.OnSiteDue, ["onsite_met"] = r.OnSiteMet, ["onsite_rate"] = r.OnSitePercent, ["onsite_same_city_rate"] = r.SameCityPercent,
            ["onsite_other_city_rate"] = r.OtherCityPercent, ["rated"] = r.Rated, ["satisfaction_mean"] = r.Satisfaction, ["complaints"] = r.Complaints,
            ["complaints_per_100"] = r.ComplaintsPer100,
        }).ToList();
        await Task.Run(() => MiniExcel.SaveAs(output, sheet, sheetName: "ranking", excelType: ExcelType.XLSX), ct);
        return $"enterprise-ranking-{(rows.FirstOrDefault()?.Quarter ?? quarter ?? "").Trim()}{Xlsx}";
    }
}
