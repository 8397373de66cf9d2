using XinchuangFlow.Domain.Time;

namespace XinchuangFlow.Domain.Assessment;

/// <summary>
/// A period of the assessment in China time: a quarter (<c>2026Q3</c>) or any span of days. A ticket belongs to the
/// period its creation falls in, whenever it is resolved or closed (a ticket of 30 September resolved on 2 October
/// counts in the third quarter).
/// </summary>
public sealed record AssessmentPeriod(DateTimeOffset From, DateTimeOffset To)
{
    public static AssessmentPeriod Quarter(int year, int quarter)
    {
        if (quarter is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(quarter), "A quarter is 1 to 4.");
        var start = ChinaTime.At(new DateOnly(year, (quarter - 1) * 3 + 1, 1), TimeOnly.MinValue);
        return new AssessmentPeriod(start, start.AddMonths(3));
    }

    /// <summary>The quarter a moment falls in, in China time.</summary>
    public static (int Year, int Quarter) QuarterOf(DateTimeOffset at)
    {
        var local = at.ToChina();
        return (local.Year, (local.Month - 1) / 3 + 1);
    }

    public bool Contains(DateTimeOffset at) => at >= From && at < To;

    /// <summary>The quarter before <paramref name="quarter"/> (<c>2026Q1</c> → <c>2025Q4</c>).</summary>
    public static string Before(string quarter)
    {
        var (year, q) = (int.Parse(quarter[..4], System.Globalization.CultureInfo.InvariantCulture), quarter[5] - '0');
        return q == 1 ? Name(year - 1, 4) : Name(year, q - 1);
    }

    /// <summary>The quarter's name, <c>2026Q3</c>.</summary>
    public static string Name(int year, int quarter) => $"{year}Q{quarter}";

    /// <summary>
    /// A quarter (<c>2026Q3</c>) as people read it, for the texts a flow writes itself (task titles): "2026 年第 3 季度" and
    /// "Q3 2026". The pages use their resources instead.
    /// </summary>
    public static (string Zh, string En) Spoken(string quarter) =>
        quarter.Length == 6 ? ($"{quarter[..4]} 年第 {quarter[5..]} 季度", $"Q{quarter[5..]} {quarter[..4]}") : (quarter, quarter);

    /// <summary>
    /// The quarter the schedule assesses at <paramref name="now"/>: the one before the current quarter, once
    /// <paramref name="daysAfter"/> whole days of the current quarter have passed (late reports come in first); null before.
    /// </summary>
    public static string? DueForAssessment(DateTimeOffset now, int daysAfter)
    {
        var (year, quarter) = QuarterOf(now);
        if (now < Quarter(year, quarter).From.AddDays(daysAfter)) return null;
        return quarter == 1 ? Name(year - 1, 4) : Name(year, quarter - 1);
    }
}
