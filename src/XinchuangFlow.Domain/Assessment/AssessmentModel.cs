using XinchuangFlow.Domain.Rules;

namespace XinchuangFlow.Domain.Assessment;

/// <summary>
/// The quarterly assessment model (ASM-2), a regional rule set the Data Bureau edits (<c>workflows/rules/assessment.json</c>,
/// docs/assessment.md): which indicators count with what weight, how a value earns points (bands), the scores of the
/// grades 优秀 / 合格 / 基本合格 / 不合格, the satisfaction red line (ASM-5), how long an enterprise may object, and after how
/// many basic passes in a row it is called to an interview (ASM-3).
/// </summary>
public sealed class AssessmentModel
{
    public List<AssessmentIndicator> Indicators { get; set; } = [];
    public AssessmentGrades Grades { get; set; } = new();
    /// <summary>The least share of rated tickets rated satisfied (4–5), in percent; below it the red line is crossed (ASM-5).</summary>
    public double SatisfactionRedLine { get; set; } = 85;
    /// <summary>The red line is also watched over this many days, rolling.</summary>
    public int RedLineRollingDays { get; set; } = 30;
    /// <summary>At least this many rated tickets before the red line is judged (a handful of ratings says little).</summary>
    public int RedLineMinRatings { get; set; } = 5;
    /// <summary>Days an enterprise has to object to its draft result.</summary>
    public int ObjectionDays { get; set; } = 10;
    /// <summary>An interview follows a fail, or this many basic passes in a row.</summary>
    public int BasicPassesBeforeInterview { get; set; } = 2;

    /// <summary>The indicators a model may score (a count of tickets is not a performance).</summary>
    public static readonly IReadOnlyList<string> Scorable =
    [
        Kpis.ResponseOnTime, Kpis.OnSiteOnTime, Kpis.OnSiteSameCityOnTime, Kpis.OnSiteOtherCityOnTime, Kpis.ResolutionOnTime, Kpis.SatisfactionMean, Kpis.Satisfied,
        Kpis.Dissatisfied, Kpis.FirstTimeFix, Kpis.Reopened, Kpis.ComplaintRate, Kpis.ComplaintClosedOnTime, Kpis.ComplaintClosureHours, Kpis.FollowUpReach,
        Kpis.FollowUpConfirmed, Kpis.SupervisionNotices, Kpis.SupervisionOnTime, Kpis.KnowledgeContributions, Kpis.KnowledgeCited, Kpis.CountyCoverage,
    ];

    public static AssessmentModel Parse(string json)
    {
        var model = RuleBook.Deserialize<AssessmentModel>(json, "assessment model");
        DocumentProblems.ThrowIfAny(Check(model));
        return model;
    }

    /// <summary>Every problem of a model (empty when it holds): known indicators once each, weights that add up to 100, bands and grades in order.</summary>
    public static List<Problem> Check(AssessmentModel m)
    {
        var problems = new List<Problem>();
        if (m.Indicators.Count == 0) problems.Add(Problem.Of(AssessmentModelProblems.NoIndicators, "indicators", "The model scores no indicator."));
        for (var i = 0; i < m.Indicators.Count; i++)
        {
            var x = m.Indicators[i];
            var at = $"indicators[{i}]";
            if (!Scorable.Contains(x.Code))
                problems.Add(Problem.Of(AssessmentModelProblems.UnknownIndicator, $"{at}.code", $"'{x.Code}' is not an indicator the model can score.", ("value", x.Code)));
            if (x.Weight is <= 0 or > 100 || double.IsNaN(x.Weight))
                problems.Add(Problem.Of(AssessmentModelProblems.WeightRange, $"{at}.weight", $"{x.Code}: a weight is more than 0 and at most 100.", ("indicator", x.Code), ("value", x.Weight)));
            if (x.MinCount is < 0 or > 100_000)
                problems.Add(Problem.Of(AssessmentModelProblems.MinCountRange, $"{at}.minCount", $"{x.Code}: the least count is 0–100000.", ("indicator", x.Code), ("value", x.MinCount)));
            if (x.Bands.Count == 0)
                problems.Add(Problem.Of(AssessmentModelProblems.NoBands, $"{at}.bands", $"{x.Code} has no scoring bands.", ("indicator", x.Code)));
            if (x.Bands.Count > 20)
                problems.Add(Problem.Of(AssessmentModelProblems.TooManyBands, $"{at}.bands", $"{x.Code} has more than 20 bands.", ("indicator", x.Code), ("max", 20)));
            foreach (var b in x.Bands.Where(b => b.Points is < 0 or > 100 || double.IsNaN(b.Points)))
                problems.Add(Problem.Of(AssessmentModelProblems.PointsRange, $"{at}.bands", $"{x.Code}: points are 0–100.", ("indicator", x.Code), ("value", b.Points)));
            foreach (var b in x.Bands.Where(b => b.At is < 0 or > 100_000 || double.IsNaN(b.At)))
                problems.Add(Problem.Of(AssessmentModelProblems.BandRange, $"{at}.bands", $"{x.Code}: a band starts between 0 and 100000.", ("indicator", x.Code), ("value", b.At)));
            if (x.Bands.GroupBy(b => b.At).Any(g => g.Count() > 1))
                problems.Add(Problem.Of(AssessmentModelProblems.BandTwice, $"{at}.bands", $"{x.Code}: two bands start at the same value.", ("indicator", x.Code)));
        }
        foreach (var dup in m.Indicators.GroupBy(x => x.Code).Where(g => g.Count() > 1))
            problems.Add(Problem.Of(AssessmentModelProblems.IndicatorTwice, "indicators", $"{dup.Key} is scored twice.", ("indicator", dup.Key)));
        var total = m.Indicators.Sum(x => x.Weight);
        if (m.Indicators.Count > 0 && Math.Abs(total - 100) > 0.001)
            problems.Add(Problem.Of(AssessmentModelProblems.WeightsNot100, "indicators", $"The weights add up to {total}, not 100.", ("value", Math.Round(total, 2))));
        var g = m.Grades;
        if (!(g.BasicPass >= 0 && g.BasicPass < g.Pass && g.Pass < g.Excellent && g.Excellent <= 100))
            problems.Add(Problem.Of(AssessmentModelProblems.GradesOrder, "grades", "The grades' scores rise: 0 ≤ basic pass < pass < excellent ≤ 100."));
        if (m.SatisfactionRedLine is < 0 or > 100 || double.IsNaN(m.SatisfactionRedLine))
            problems.Add(Problem.Of(AssessmentModelProblems.RedLineRange, "satisfactionRedLine", "The red line is a share, 0–100 %.", ("value", m.SatisfactionRedLine)));
        Range(problems, m.RedLineRollingDays, 1, 365, "redLineRollingDays");
        Range(problems, m.RedLineMinRatings, 0, 10_000, "redLineMinRatings");
        Range(problems, m.ObjectionDays, 1, 60, "objectionDays");
        Range(problems, m.BasicPassesBeforeInterview, 1, 8, "basicPassesBeforeInterview");
        return problems;
    }

    private static void Range(List<Problem> problems, int value, int min, int max, string field)
    {
        if (value < min || value > max)
            problems.Add(Problem.Of(AssessmentModelProblems.NumberRange, field, $"{field} is {min}–{max}.", ("value", value), ("min", min), ("max", max)));
    }
}

/// <summary>One scored indicator: its weight, the least count of tickets it needs to be scored, and its bands.</summary>
public sealed class AssessmentIndicator
{
    public string Code { get; set; } = "";
    public double Weight { get; set; }
    /// <summary>With fewer tickets behind it (its denominator), the indicator is not scored and its weight goes to the others.</summary>
    public int MinCount { get; set; } = 1;
    public List<AssessmentBand> Bands { get; set; } = [];
}

/// <summary>
/// A scoring band: the points a value earns from <see cref="At"/> on — at or above it for an indicator where more is
/// better, at or below it where less is better (<see cref="Kpis.LowerIsBetter"/>). The best band the value reaches counts;
/// a value that reaches none earns 0.
/// </summary>
public sealed class AssessmentBand
{
    public double At { get; set; }
    public double Points { get; set; }
}

/// <summary>The least total score of each grade; below <see cref="BasicPass"/> is a fail.</summary>
public sealed class AssessmentGrades
{
    public double Excellent { get; set; } = 90;
    public double Pass { get; set; } = 75;
    public double BasicPass { get; set; } = 60;
}
