namespace XinchuangFlow.Domain.Assessment;

/// <summary>The grades of the quarterly assessment, by stable code.</summary>
public static class AssessmentGradeCodes
{
    public const string Excellent = "excellent", Pass = "pass", BasicPass = "basic-pass", Fail = "fail", NotAssessed = "not-assessed";
}

/// <summary>
/// How one indicator scored: its figure, the band it reached and the points, whether it had enough tickets to be
/// scored, its weight as written and as it counted (the weights of unscored indicators go to the scored ones), and the
/// tickets that count against it.
/// </summary>
public sealed record IndicatorScore(string Code, double Weight, double? EffectiveWeight, KpiFigure Figure, int MinCount, AssessmentBand? Band, double? Points)
{
    public bool Scored => Points is not null;
    /// <summary>What the indicator adds to the total: points × effective weight / 100.</summary>
    public double? Contribution => Points is { } p && EffectiveWeight is { } w ? p * w / 100 : null;
}

/// <summary>
/// One enterprise's (or city's) assessment: the total score, the grade, every indicator's part in it, and the
/// satisfaction red line (ASM-5): below it, the grade is at most 合格 (an excellent total does not make up for unhappy users).
/// </summary>
public sealed record AssessmentScore(string Dimension, string Key, double? Total, string Grade, IReadOnlyList<IndicatorScore> Indicators, double? Satisfied,
    bool BelowRedLine, string? GradeBeforeRedLine);

/// <summary>Scores indicator groups with an <see cref="AssessmentModel"/>. Pure: the same figures and model give the same score.</summary>
public static class AssessmentScorer
{
    public static AssessmentScore Score(AssessmentModel model, KpiGroup group)
    {
        var scored = new List<(AssessmentIndicator Indicator, KpiFigure Figure, AssessmentBand? Band, double? Points)>();
        foreach (var x in model.Indicators)
        {
            var figure = group.Figures.TryGetValue(x.Code, out var f) ? f : new KpiFigure(x.Code, null, 0, 0, [], 0);
            if (figure.Value is not { } value || figure.Denominator < Math.Max(1, x.MinCount))
            {
                scored.Add((x, figure, null, null));
                continue;
            }
            var band = BandOf(x, value);
            scored.Add((x, figure, band, band?.Points ?? 0));
        }
        var weightScored = scored.Where(s => s.Points is not null).Sum(s => s.Indicator.Weight);
        var indicators = scored.Select(s => new IndicatorScore(s.Indicator.Code, s.Indicator.Weight,
            s.Points is null || weightScored <= 0 ? null : s.Indicator.Weight * 100 / weightScored, s.Figure, s.Indicator.MinCount, s.Band, s.Points)).ToList();
        double? total = weightScored <= 0 ? null : Math.Round(indicators.Sum(i => i.Contribution ?? 0), 2);
        var grade = total is { } t ? GradeOf(model.Grades, t) : AssessmentGradeCodes.NotAssessed;

        var satisfied = group.Figures.TryGetValue(Kpis.Satisfied, out var sat) ? sat : null;
        var judged = satisfied is { Value: not null } && satisfied.Denominator >= Math.Max(1, model.RedLineMinRatings);
        var below = judged && satisfied!.Value < model.SatisfactionRedLine;
        string? before = null;
        if (below && grade == AssessmentGradeCodes.Excellent) (before, grade) = (grade, AssessmentGradeCodes.Pass);
        return new AssessmentScore(group.Dimension, group.Key, total, grade, indicators, satisfied?.Value, below, before);
    }

    /// <summary>The best band a value reaches: at or above its start where more is better, at or below it where less is.</summary>
    public static AssessmentBand? BandOf(AssessmentIndicator indicator, double value) =>
        Kpis.LowerIsBetter(indicator.Code)
            ? indicator.Bands.Where(b => value <= b.At).OrderByDescending(b => b.Points).ThenBy(b => b.At).FirstOrDefault()
            : indicator.Bands.Where(b => value >= b.At).OrderByDescending(b => b.Points).ThenByDescending(b => b.At).FirstOrDefault();

    public static string GradeOf(AssessmentGrades grades, double total) =>
        total >= grades.Excellent ? AssessmentGradeCodes.Excellent
        : total >= grades.Pass ? AssessmentGradeCodes.Pass
        : total >= grades.BasicPass ? AssessmentGradeCodes.BasicPass
        : AssessmentGradeCodes.Fail;
}
