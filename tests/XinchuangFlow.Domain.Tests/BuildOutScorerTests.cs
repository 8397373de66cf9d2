using XinchuangFlow.Domain.Assessment;
using XinchuangFlow.Domain.Network;

namespace XinchuangFlow.Domain.Tests;

/// <summary>
/// The build-out evaluation's arithmetic (ASM-4, docs/assessment.md) on hand-computed fixtures: the points the measured
/// figures suggest, the total of the Data Bureau's scores and its band.
/// </summary>
public sealed class BuildOutScorerTests
{
    // Four counties of two cities: the enterprise has points in A, B and C; certified staff in A and B only.
    private static readonly Division A = new("450102", "兴宁区", DivisionLevel.County, "4501");
    private static readonly Division B = new("450103", "青秀区", DivisionLevel.County, "4501");
    private static readonly Division C = new("450202", "城中区", DivisionLevel.County, "4502");
    private static readonly Division D = new("450203", "鱼峰区", DivisionLevel.County, "4502");
    private static readonly DateOnly Day = new(2026, 12, 1);

    private static BuildOutFacts Facts(int articles = 4, bool key = true, int batches = 0) =>
        new(Day, [A, B, C, D], [A.Code, B.Code, C.Code], [A.Code, B.Code], ActiveTechnicians: 5, CertifiedTechnicians: 3, articles, key, batches);

    private static BuildOutMeasure Of(IReadOnlyList<BuildOutMeasure> all, string code) => all.Single(m => m.Code == code);

    [Fact]
    public void TheItems_AreThePlansSix_AndTheirPointsAddUpTo100()
    {
        Assert.Equal(["entry", "system", "network", "platform", "training", "knowledge"], BuildOutItems.All.Select(i => i.Code));
        Assert.Equal(100, BuildOutItems.All.Sum(i => i.Max));
        Assert.Equal(25, BuildOutItems.MaxOf(BuildOutItems.Network));
        Assert.False(BuildOutItems.IsMeasured(BuildOutItems.Entry));
        Assert.False(BuildOutItems.IsMeasured(BuildOutItems.System));
    }

    [Fact]
    public void TheMeasuredItems_SuggestPointsFromTheirFigures_AsComputedByHand()
    {
        var m = BuildOutScorer.Measure(Facts());
        Assert.Equal(["network", "platform", "training", "knowledge"], m.Select(x => x.Code));

        // Network: 2 of 4 counties staffed → 25 × 2 / 4 = 12.5; 3 of 4 have a point; the two unstaffed named.
        var network = Of(m, "network");
        Assert.Equal(12.5, network.Suggested);
        Assert.Equal([new BuildOutFigure("staffed", 2, 4), new BuildOutFigure("withPoint", 3, 4)], network.Figures);
        Assert.Equal(["城中区", "鱼峰区"], network.Missing);

        // Platform: a key (5) but no data stored yet (0) → 5.
        Assert.Equal(5, Of(m, "platform").Suggested);
        // Training: 2 of the 3 counties with a point have certified staff → 15 × 2 / 3 = 10; 3 of 5 technicians certified.
        var training = Of(m, "training");
        Assert.Equal(10, training.Suggested);
        Assert.Equal([new BuildOutFigure("staffedOfPoints", 2, 3), new BuildOutFigure("certified", 3, 5)], training.Figures);
        // Knowledge: 4 articles of the 10 for full points → 15 × 4 / 10 = 6.
        Assert.Equal(6, Of(m, "knowledge").Suggested);
    }

    [Fact]
    public void TheSuggestions_ReachTheirMost_AndNoMore()
    {
        var full = new BuildOutFacts(Day, [A, B], [A.Code, B.Code], [A.Code, B.Code], 4, 4, 25, ActiveKey: true, Batches: 3);
        var m = BuildOutScorer.Measure(full);
        Assert.Equal([25.0, 15, 15, 15], m.Select(x => x.Suggested));
        Assert.Empty(Of(m, "network").Missing);
        // Reported data without a key still earns its 10; no point anywhere suggests nothing for training (no division by zero).
        var none = new BuildOutFacts(Day, [A, B, C], [], [], 0, 0, 0, ActiveKey: false, Batches: 1);
        var n = BuildOutScorer.Measure(none);
        Assert.Equal(10, Of(n, "platform").Suggested);
        Assert.Equal(0, Of(n, "training").Suggested);
        Assert.Equal(0, Of(n, "network").Suggested);
    }

    [Fact]
    public void AShare_IsRoundedToATenth()
    {
        // 25 × 1 / 3 = 8.333… → 8.3; 15 × 1 / 7 = 2.142… → 2.1; 25 × 1 / 8 = 3.125 → 3.1; 15 × 1 / 4 = 3.75 → 3.8 (half away from zero).
        Assert.Equal(8.3, BuildOutScorer.Share(25, 1, 3));
        Assert.Equal(2.1, BuildOutScorer.Share(15, 1, 7));
        Assert.Equal(3.1, BuildOutScorer.Share(25, 1, 8));
        Assert.Equal(3.8, BuildOutScorer.Share(15, 1, 4));
        Assert.Equal(0, BuildOutScorer.Share(15, 0, 0));
    }

    [Theory]
    [InlineData(100, "excellent")]
    [InlineData(90, "excellent")]
    [InlineData(89.9, "pass")]
    [InlineData(75, "pass")]
    [InlineData(74.9, "basic-pass")]
    [InlineData(60, "basic-pass")]
    [InlineData(59.9, "fail")]
    [InlineData(0, "fail")]
    public void TheBands_AreTheQuarterlyGrades(double total, string grade) => Assert.Equal(grade, BuildOutScorer.GradeOf(total));

    [Fact]
    public void TheTotal_IsTheSumOfTheBureausScores_AndBasicPassOrWorseCallsForRectification()
    {
        // 15 + 12.5 + 10 + 5 + 10 + 6.2 = 58.7 → 不合格.
        var total = BuildOutScorer.Total([15, 12.5, 10, 5, 10, 6.2]);
        Assert.Equal(58.7, total);
        Assert.Equal(AssessmentGradeCodes.Fail, BuildOutScorer.GradeOf(total));
        Assert.True(BuildOutScorer.CallsForRectification(AssessmentGradeCodes.Fail));
        Assert.True(BuildOutScorer.CallsForRectification(AssessmentGradeCodes.BasicPass));
        Assert.False(BuildOutScorer.CallsForRectification(AssessmentGradeCodes.Pass));
        Assert.False(BuildOutScorer.CallsForRectification(AssessmentGradeCodes.Excellent));
    }

    [Theory]
    [InlineData("network", 12.5, true)]
    [InlineData("network", 25, true)]
    [InlineData("entry", 15, true)]
    [InlineData("entry", 0, true)]
    [InlineData("entry", 15.5, false)]
    [InlineData("entry", -1, false)]
    [InlineData("entry", 7.25, false)]
    [InlineData("entry", double.NaN, false)]
    public void AScore_LiesBetween0AndTheItemsMost_InTenths(string code, double score, bool valid) =>
        Assert.Equal(valid, BuildOutScorer.IsValidScore(code, score));

    [Fact]
    public void TheDueDay_IsTwoMonthsAfterTheAward_AndOnlyAnUnsubmittedOneIsOverdue()
    {
        var e = new BuildOutEvaluation { AwardedOn = new DateOnly(2026, 8, 31), DueOn = BuildOutEvaluation.DueAfter(new DateOnly(2026, 8, 31)) };
        Assert.Equal(new DateOnly(2026, 10, 31), e.DueOn);
        Assert.False(e.OverdueOn(new DateOnly(2026, 10, 31)));
        Assert.True(e.OverdueOn(new DateOnly(2026, 11, 1)));
        e.Status = BuildOutStatus.Submitted;
        Assert.False(e.OverdueOn(new DateOnly(2026, 11, 1)));
    }
}
