using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Domain.Time;

namespace XinchuangFlow.Domain.Dashboards;

/// <summary>A ticket as the daily figures read it: the ticket and how many complaints were filed on it.</summary>
public sealed record FoldCase(Ticket Ticket, int Complaints);

/// <summary>
/// Folds one day's tickets into its <see cref="DailyFigure"/> and <see cref="DailyProductFigure"/> rows (DSH-1). Pure: the
/// same tickets give the same rows, so a day is folded again from scratch whenever one of its tickets changes. Cancelled
/// tickets count in nothing. An on-site clock counts once decided, exactly as the indicators judge it (ASM-1,
/// <see cref="Assessment.KpiCalculator"/>): kept when stopped within its target, missed when late already.
/// </summary>
public static class DailyFigureFold
{
    /// <summary>The serving enterprise a ticket's figures go to.</summary>
    public static Guid EnterpriseOf(Ticket t) => t.IntegratorId ?? t.ReportedBy ?? Guid.Empty;

    /// <summary>How an on-site clock stands at <paramref name="asOf"/>: null while pending (or never started), else kept or not.</summary>
    public static bool? OnSiteKept(Ticket t, DateTimeOffset asOf)
    {
        var clock = t.Clocks().OnSite;
        if (clock.State == ClockState.NotStarted) return null;
        if (t.IsLate(clock, asOf)) return false;
        return clock.State == ClockState.Stopped ? true : null;
    }

    /// <summary>Whether the on-site target was the same-city one (4 h), the other-city one (12 h), or unknown (null).</summary>
    public static bool? SameCity(Ticket t) => TargetReason.Decode(t.Clocks().OnSite.TargetReason)?.Basis switch
    {
        TargetReason.OnSiteSame => true,
        TargetReason.OnSiteOther => false,
        _ => null,
    };

    /// <param name="day">The day (China time).</param>
    /// <param name="created">The tickets created that day, with their complaints.</param>
    /// <param name="closed">The tickets closed that day.</param>
    /// <param name="asOf">When the clocks are judged (the fold's time).</param>
    public static (IReadOnlyList<DailyFigure> Figures, IReadOnlyList<DailyProductFigure> Products) Fold(DateOnly day, IEnumerable<FoldCase> created,
        IEnumerable<Ticket> closed, DateTimeOffset asOf)
    {
        var rows = new Dictionary<(string County, Guid Enterprise), DailyFigure>();
        DailyFigure Row(Ticket t)
        {
            var key = (t.CountyCode, EnterpriseOf(t));
            if (!rows.TryGetValue(key, out var row))
                rows[key] = row = new DailyFigure { Day = day, CityCode = t.CityCode, CountyCode = t.CountyCode, EnterpriseId = key.Item2 };
            return row;
        }
        var products = new Dictionary<(string City, Guid Enterprise, string Category, string Os, string Cpu), DailyProductFigure>();
        foreach (var (t, complaints) in created)
        {
            if (t.Status == TicketStatus.Cancelled || ChinaTime.DayOf(t.CreatedAt) != day) continue;
            var row = Row(t);
            row.Created++;
            if (t.IsReported) row.Reported++;
            if (OnSiteKept(t, asOf) is { } kept)
            {
                row.OnSiteDue++;
                if (kept) row.OnSiteMet++;
                switch (SameCity(t))
                {
                    case true:
                        row.SameCityDue++;
                        if (kept) row.SameCityMet++;
                        break;
                    case false:
                        row.OtherCityDue++;
                        if (kept) row.OtherCityMet++;
                        break;
                }
            }
            if (t.Satisfaction is >= 1 and <= 5 and var s)
            {
                row.SatisfactionSum += s;
                row.SatisfactionCount++;
                if (s <= 2) row.Dissatisfied++;
            }
            row.Complaints += complaints;
            var pk = (t.CityCode, EnterpriseOf(t), t.ProductCategory ?? "", Trim(t.Os, 100), Trim(t.Cpu, 100));
            if (!products.TryGetValue(pk, out var p))
                products[pk] = p = new DailyProductFigure { Day = day, CityCode = t.CityCode, EnterpriseId = pk.Item2, ProductCategory = pk.Item3, Os = pk.Item4, Cpu = pk.Item5 };
            p.Created++;
        }
        foreach (var t in closed)
            if (t.Status == TicketStatus.Closed && t.ClosedAt is { } at && ChinaTime.DayOf(at) == day) Row(t).Closed++;
        return (rows.Values.OrderBy(r => r.CountyCode, StringComparer.Ordinal).ThenBy(r => r.EnterpriseId).ToList(),
            products.Values.OrderBy(p => p.CityCode, StringComparer.Ordinal).ThenBy(p => p.EnterpriseId).ThenBy(p => p.ProductCategory, StringComparer.Ordinal)
                .ThenBy(p => p.Os, StringComparer.Ordinal).ThenBy(p => p.Cpu, StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// The coarser rows of a day's detail rows: one per county (every enterprise) and one per city and enterprise (every
    /// county), each the sum of the detail rows it stands for.
    /// </summary>
    public static IReadOnlyList<DailyFigure> RollUp(IEnumerable<DailyFigure> detail)
    {
        var byCounty = new Dictionary<string, DailyFigure>(StringComparer.Ordinal);
        var byCityEnterprise = new Dictionary<(string City, Guid Enterprise), DailyFigure>();
        foreach (var f in detail)
        {
            if (f.Grain != DailyFigure.Detail) continue;
            if (!byCounty.TryGetValue(f.CountyCode, out var c))
                byCounty[f.CountyCode] = c = new DailyFigure { Grain = DailyFigure.ByCounty, Day = f.Day, CityCode = f.CityCode, CountyCode = f.CountyCode };
            c.Add(f);
            if (!byCityEnterprise.TryGetValue((f.CityCode, f.EnterpriseId), out var e))
                byCityEnterprise[(f.CityCode, f.EnterpriseId)] = e = new DailyFigure { Grain = DailyFigure.ByCityEnterprise, Day = f.Day, CityCode = f.CityCode, EnterpriseId = f.EnterpriseId };
            e.Add(f);
        }
        return byCounty.Values.OrderBy(r => r.CountyCode, StringComparer.Ordinal)
            .Concat(byCityEnterprise.Values.OrderBy(r => r.CityCode, StringComparer.Ordinal).ThenBy(r => r.EnterpriseId)).ToList();
    }

    /// <summary>The region's rows of a day's product rows: one per category and platform, every city and enterprise summed.</summary>
    public static IReadOnlyList<DailyProductFigure> RollUp(IEnumerable<DailyProductFigure> detail) => detail
        .Where(p => p.Grain == DailyProductFigure.Detail)
        .GroupBy(p => (p.Day, p.ProductCategory, p.Os, p.Cpu))
        .Select(g => new DailyProductFigure { Grain = DailyProductFigure.Region, Day = g.Key.Day, ProductCategory = g.Key.ProductCategory, Os = g.Key.Os, Cpu = g.Key.Cpu, Created = g.Sum(p => p.Created) })
        .OrderBy(p => p.ProductCategory, StringComparer.Ordinal).ThenBy(p => p.Os, StringComparer.Ordinal).ThenBy(p => p.Cpu, StringComparer.Ordinal).ToList();

    private static string Trim(string? s, int max) => string.IsNullOrWhiteSpace(s) ? "" : s.Trim() is var v && v.Length > max ? v[..max] : s.Trim();
}
