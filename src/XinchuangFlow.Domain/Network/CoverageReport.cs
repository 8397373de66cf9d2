namespace XinchuangFlow.Domain.Network;

/// <summary>An enterprise's county coverage (NET-3 coverage report).</summary>
public sealed record CoverageReport(Guid EnterpriseId, string Enterprise, int CountiesCovered, int CountiesTotal, IReadOnlyList<CoverageGap> Gaps)
{
    public double Share => CountiesTotal == 0 ? 0 : (double)CountiesCovered / CountiesTotal;

    public static CoverageReport Build(Enterprise enterprise, IEnumerable<ServicePoint> points, GuangxiDivisions divisions)
    {
        var covered = points.Where(p => p.EnterpriseId == enterprise.Id).Select(p => p.CountyCode).ToHashSet(StringComparer.Ordinal);
        var gaps = divisions.Cities
            .Select(c => new CoverageGap(c.Code, c.Name, divisions.CountiesOf(c.Code).Where(k => !covered.Contains(k.Code)).ToList()))
            .Where(g => g.CountiesWithoutPoint.Count > 0).ToList();
        var total = divisions.Counties.Count;
        return new CoverageReport(enterprise.Id, enterprise.Name, divisions.Counties.Count(k => covered.Contains(k.Code)), total, gaps);
    }
}
