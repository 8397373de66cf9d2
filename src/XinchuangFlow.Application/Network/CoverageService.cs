using MiniExcelLibs;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Time;

namespace XinchuangFlow.Application.Network;

/// <summary>One county on the coverage map: how many of the counted enterprises have a service point there (0 = uncovered, red).</summary>
public sealed record CountyCoverage(string CountyCode, string CountyName, string CityCode, string CityName, int Covering, IReadOnlyList<string> CoveredBy)
{
    public bool Uncovered => Covering == 0;
}

/// <summary>
/// The coverage map for the caller's reach: every county of the region (or of the coordinator's city) with the number of
/// active integrators on the shortlist that have a service point there; for an enterprise's manager, whether their own
/// enterprise has one (<see cref="Enterprise"/> names it).
/// </summary>
public sealed record CoverageOverview(DataReach Reach, string? Enterprise, IReadOnlyList<CountyCoverage> Counties)
{
    public int UncoveredCount => Counties.Count(c => c.Uncovered);
}

/// <summary>A service point of an enterprise in the county, with its technicians holding a certificate valid today.</summary>
public sealed record CountyPoint(string Name, ServicePointKind Kind, int CertifiedTechnicians);

/// <summary>An enterprise and whether it covers the county (a service point there), with its points in the county.</summary>
public sealed record CountyEnterprise(Guid EnterpriseId, string Name, EnterpriseKind Kind, ShortlistStatus Status, IReadOnlyList<CountyPoint> Points)
{
    public bool Covers => Points.Count > 0;
    /// <summary>Counted on the map: an active integrator on the shortlist.</summary>
    public bool Counted => Kind == EnterpriseKind.Integrator && Status == ShortlistStatus.Active;
}

/// <summary>What is behind a county on the map: every enterprise the caller sees, covering it or not.</summary>
public sealed record CountyDetail(CountyCoverage County, DateOnly Today, IReadOnlyList<CountyEnterprise> Enterprises);

/// <summary>
/// The network coverage map (NET-3, DSH-1): Guangxi by county, the counties no integrator serves in red, the others by how
/// many integrators serve them; a county opens the list of enterprises with whether each covers it, exported to Excel. The
/// Data Bureau and the Intranet Office see the region, a coordinator their city's counties, an enterprise's manager its own
/// coverage (<see cref="AccessService.CoverageReachOf"/>). Pages and the API both come here.
/// </summary>
public sealed class CoverageService(INetworkRepository network, AccessService access, GuangxiDivisions divisions, TimeProvider clock)
{
    public async Task<CoverageOverview> MapAsync(Actor actor, CancellationToken ct = default)
    {
        var reach = ReachOf(actor);
        var snapshot = await network.SnapshotAsync(ct);
        var counted = Counted(snapshot, reach);
        var byCounty = snapshot.ServicePoints.Where(p => counted.ContainsKey(p.EnterpriseId))
            .GroupBy(p => p.CountyCode).ToDictionary(g => g.Key, g => g.Select(p => counted[p.EnterpriseId]).Distinct().Order(StringComparer.Ordinal).ToList());
        var counties = CountiesOf(reach).Select(k =>
        {
            var by = byCounty.GetValueOrDefault(k.Code) ?? [];
            return new CountyCoverage(k.Code, k.Name, k.CityCode, divisions.Find(k.CityCode)?.Name ?? k.CityCode, by.Count, by);
        }).ToList();
        var own = reach.Enterprise is { } e ? snapshot.Enterprises.FirstOrDefault(x => x.Id == e)?.Name : null;
        return new CoverageOverview(reach, own, counties);
    }

    /// <summary>A county in the caller's reach with the enterprises they see; a county outside it (or none) is a logged 404.</summary>
    public async Task<CountyDetail> CountyAsync(Actor actor, string county, CancellationToken ct = default)
    {
        var reach = ReachOf(actor);
        if (divisions.Find(county) is not { Level: DivisionLevel.County } division || (reach.City is { } city && division.CityCode != city))
            throw access.NotFound(actor, "county", county);
        var snapshot = await network.SnapshotAsync(ct);
        var today = ChinaTime.Today(clock);
        var counted = Counted(snapshot, reach);
        var certified = snapshot.Certificates.Where(c => c.ValidOn(today)).Select(c => c.TechnicianId).ToHashSet();
        var staff = snapshot.Technicians.Where(t => t.Active && certified.Contains(t.Id)).GroupBy(t => t.ServicePointId).ToDictionary(g => g.Key, g => g.Count());
        var points = snapshot.ServicePoints.Where(p => p.CountyCode == county).ToLookup(p => p.EnterpriseId);
        var seen = snapshot.Enterprises.Where(e => reach.Enterprise is not { } own || e.Id == own);
        var rows = seen
            .Select(e => new CountyEnterprise(e.Id, e.Name, e.Kind, e.Status,
                points[e.Id].OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new CountyPoint(p.Name, p.Kind, staff.GetValueOrDefault(p.Id))).ToList()))
            .OrderBy(r => r.Kind).ThenBy(r => r.Status).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        var by = rows.Where(r => r.Covers && counted.ContainsKey(r.EnterpriseId)).Select(r => r.Name).Order(StringComparer.Ordinal).ToList();
        var coverage = new CountyCoverage(division.Code, division.Name, division.CityCode, divisions.Find(division.CityCode)?.Name ?? division.CityCode, by.Count, by);
        return new CountyDetail(coverage, today, rows);
    }

    /// <summary>
    /// The county's list as an Excel workbook (one row per enterprise and point): what the page shows, in the reader's words
    /// (<paramref name="text"/> turns a resource key into them).
    /// </summary>
    public static Task WriteExcelAsync(CountyDetail detail, Stream output, Func<string, string> text, CancellationToken ct = default)
    {
        var rows = new List<IDictionary<string, object?>>();
        foreach (var e in detail.Enterprises)
        {
            var points = e.Points.Count == 0 ? [null] : e.Points.Cast<CountyPoint?>().ToList();
            foreach (var p in points)
                rows.Add(new Dictionary<string, object?>
                {
                    [text("Coverage.Col.County")] = detail.County.CountyName,
                    [text("Coverage.Col.City")] = detail.County.CityName,
                    [text("Coverage.Col.Enterprise")] = e.Name,
                    [text("Coverage.Col.Kind")] = text("Coverage.Kind." + e.Kind),
                    [text("Coverage.Col.Status")] = text("Coverage.Status." + e.Status),
                    [text("Coverage.Col.Covers")] = text(e.Covers ? "Coverage.Yes" : "Coverage.No"),
                    [text("Coverage.Col.Point")] = p?.Name ?? "",
                    [text("Coverage.Col.PointKind")] = p is null ? "" : text("Coverage.PointKind." + p.Kind),
                    [text("Coverage.Col.Certified")] = p?.CertifiedTechnicians ?? 0,
                });
        }
        var sheets = new Dictionary<string, object> { [text("Coverage.Sheet")] = rows };
        return Task.Run(() => MiniExcel.SaveAs(output, sheets, excelType: ExcelType.XLSX), ct);
    }

    /// <summary>Whether the caller reads a coverage map at all (the dashboard shows it only then).</summary>
    public bool MayRead(Actor actor) => access.CoverageReachOf(actor) is not null;

    private DataReach ReachOf(Actor actor) =>
        access.CoverageReachOf(actor)
        ?? throw access.Denied(actor, "read the network coverage", "The coverage map is for the Data Bureau, the Intranet Office, the coordinators and the enterprises' managers.");

    /// <summary>The enterprises counted on the map (id → name): active integrators on the shortlist; an enterprise's own for its manager.</summary>
    private static Dictionary<Guid, string> Counted(NetworkSnapshot snapshot, DataReach reach) =>
        snapshot.Enterprises
            .Where(e => reach.Enterprise is { } own ? e.Id == own : e.Kind == EnterpriseKind.Integrator && e.Status == ShortlistStatus.Active)
            .ToDictionary(e => e.Id, e => e.Name);

    private IEnumerable<Division> CountiesOf(DataReach reach) =>
        reach.City is { } city ? divisions.CountiesOf(city) : divisions.Counties;
}
