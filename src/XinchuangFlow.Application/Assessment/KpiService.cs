using System.Globalization;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Domain.Assessment;

namespace XinchuangFlow.Application.Assessment;

/// <summary>The indicators of a period, as computed (ASM-1), for the scope asked and allowed.</summary>
public sealed record KpiReport(AssessmentPeriod Period, DateTimeOffset AsOf, KpiScope Scope, IReadOnlyList<KpiGroup> Groups);

/// <summary>
/// The service indicators (ASM-1) of a period — a quarter or any span up to a year — per enterprise and city, from the
/// tickets handled on the platform and those the enterprises' platforms reported. Who sees what: the Data Bureau and the
/// Intranet Office the whole region, a municipal coordinator their city, an enterprise's manager the tickets their
/// enterprise served; nobody else. Each figure carries the tickets that count against it.
/// </summary>
public sealed class KpiService(IKpiSource source, AccessService access, TimeProvider clock)
{
    public const int MaxDays = 366;

    /// <summary>
    /// The indicators of a quarter (<c>2026Q3</c>) or else of the days from <paramref name="from"/> to
    /// <paramref name="to"/> (China time, the end excluded), narrowed to an enterprise or a city when asked, within what
    /// the caller may see.
    /// </summary>
    public async Task<KpiReport> ReportAsync(Actor actor, string? quarter, DateOnly? from, DateOnly? to, Guid? enterpriseId = null, string? cityCode = null,
        CancellationToken ct = default)
    {
        var scope = ScopeOf(actor, enterpriseId, cityCode);
        var period = PeriodOf(quarter, from, to);
        var now = clock.GetUtcNow();
        var asOf = period.To < now ? period.To : now;
        var cases = await source.CasesAsync(scope, period.From, period.To, ct);
        // Clocks and complaints are judged at the end of the period (or now, for a period still running): a quarter's
        // figures do not change when they are computed again later.
        return new KpiReport(period, asOf, scope, KpiCalculator.Compute(cases, new KpiOptions(asOf, KpiOptions.DefaultComplaintClosure),
            await source.ExtrasAsync(scope, period.From, period.To, asOf, ct)));
    }

    /// <summary>The scope asked for, narrowed to what the caller may see; refused (logged) when the caller may see none of it.</summary>
    public KpiScope ScopeOf(Actor actor, Guid? enterpriseId, string? cityCode) =>
        ScopeOf(access, actor, access.KpiReachOf(actor), enterpriseId, cityCode, "read the service indicators",
            "The indicators are for the Data Bureau, the Intranet Office, the municipal coordinators and the enterprises' managers.");

    /// <summary>
    /// The scope asked for within a reach the access service gave (the region, a city, an enterprise); a narrower ask
    /// outside it, or no reach at all, is refused and logged.
    /// </summary>
    public static KpiScope ScopeOf(AccessService access, Actor actor, DataReach? reach, Guid? enterpriseId, string? cityCode, string what, string why)
    {
        switch (reach)
        {
            case { Region: true }:
                return new KpiScope(enterpriseId, cityCode);
            case { City: { } city }:
                if (cityCode is not null && cityCode != city)
                    throw access.Denied(actor, $"{what} of city {cityCode}", "A municipal coordinator reads the service data of their own city.");
                return new KpiScope(enterpriseId, city);
            case { Enterprise: { } own }:
                if (enterpriseId is not null && enterpriseId != own)
                    throw access.Denied(actor, $"{what} of enterprise {enterpriseId}", "An enterprise reads its own service data.");
                return new KpiScope(own, cityCode);
            default:
                throw access.Denied(actor, what, why);
        }
    }

    /// <summary>A quarter (<c>2026Q3</c>) or a span of days, at most a year.</summary>
    public static AssessmentPeriod PeriodOf(string? quarter, DateOnly? from, DateOnly? to)
    {
        if (quarter is { Length: > 0 })
        {
            var q = quarter.Trim().ToUpperInvariant();
            if (q.Length != 6 || q[4] != 'Q' || !int.TryParse(q[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2100
                || q[5] is < '1' or > '4')
                throw new InvalidInputException(Problem.Of(AssessmentProblems.BadQuarter, "quarter", "Give the quarter as 2026Q3.", ("value", quarter)));
            return AssessmentPeriod.Quarter(year, q[5] - '0');
        }
        if (from is not { } f || to is not { } t)
            throw new InvalidInputException(Problem.Of(AssessmentProblems.PeriodMissing, "period", "Give a quarter, or both ends of the period."));
        if (f.Year is < 2000 or > 2100 || t.Year is < 2000 or > 2100)
            throw new InvalidInputException(Problem.Of(AssessmentProblems.PeriodYears, "period", "A period lies between the years 2000 and 2100.", ("min", "2000"), ("max", "2100")));
        if (t <= f) throw new InvalidInputException(Problem.Of(RequestProblems.PeriodOrder, "period", "The period ends before it begins."));
        if (t.DayNumber - f.DayNumber > MaxDays)
            throw new InvalidInputException(Problem.Of(AssessmentProblems.PeriodTooLong, "period", $"A period is at most {MaxDays} days.", ("max", MaxDays)));
        return new AssessmentPeriod(Domain.Time.ChinaTime.At(f, TimeOnly.MinValue), Domain.Time.ChinaTime.At(t, TimeOnly.MinValue));
    }
}
