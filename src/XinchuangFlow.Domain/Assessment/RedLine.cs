namespace XinchuangFlow.Domain.Assessment;

/// <summary>The windows the satisfaction red line is watched over (ASM-5).</summary>
public static class RedLineWindows
{
    /// <summary>The quarter so far (its period is the quarter, <c>2026Q4</c>).</summary>
    public const string Quarter = "quarter";
    /// <summary>The last <see cref="AssessmentModel.RedLineRollingDays"/> days (its period is <c>rolling</c>).</summary>
    public const string Rolling = "rolling";

    /// <summary>The period of the rolling window: <c>rolling-30</c> (a change of the model's days starts a new window).</summary>
    public static string RollingPeriod(int days) => $"{Rolling}-{Math.Max(1, days)}";

    /// <summary>The days of a rolling period (<c>rolling-30</c> → 30).</summary>
    public static int DaysOf(string period) => int.TryParse(period.AsSpan(Rolling.Length + 1), out var d) ? d : 30;
}

/// <summary>
/// An enterprise below the satisfaction red line in a window (ASM-5): raised when it crosses the line, with the share
/// satisfied and the ratings behind it, and closed when it comes back above (or the quarter ends). One alert per crossing.
/// </summary>
public sealed class RedLineAlert
{
    public Guid Id { get; set; }
    public Guid EnterpriseId { get; set; }
    public string EnterpriseName { get; set; } = "";
    public string Window { get; set; } = RedLineWindows.Quarter;
    /// <summary>The quarter (<c>2026Q4</c>) of a quarter's alert; <c>rolling-30</c> for the rolling window of 30 days.</summary>
    public string Period { get; set; } = "";
    /// <summary>The share of ratings that were satisfied (4–5), in percent, when the line was crossed.</summary>
    public double Satisfied { get; set; }
    public int Ratings { get; set; }
    /// <summary>The red line in force then, in percent.</summary>
    public double Line { get; set; }
    public DateTimeOffset CrossedAt { get; set; }
    public DateTimeOffset? RecoveredAt { get; set; }
}

/// <summary>When a window's figures are below the red line.</summary>
public static class RedLine
{
    /// <summary>Below the line: enough ratings (<c>redLineMinRatings</c>) and a share satisfied under <c>satisfactionRedLine</c>.</summary>
    public static bool Below(KpiFigure? satisfied, AssessmentModel model) =>
        satisfied is { Value: { } value } && satisfied.Denominator >= Math.Max(1, model.RedLineMinRatings) && value < model.SatisfactionRedLine;
}
