using XinchuangFlow.Domain.Assessment;
using XinchuangFlow.Domain.Rules;

namespace XinchuangFlow.Domain.Tests;

/// <summary>
/// The assessment model (ASM-2) on hand-computed figures: the best band reached earns its points (at or above for
/// shares, at or below where less is better), weights add up, an indicator without enough tickets gives its weight to
/// the others, the grades' lines, the satisfaction red line caps 优秀 at 合格, and a model that does not hold is refused
/// with every reason.
/// </summary>
public class AssessmentScorerTests
{
    private static AssessmentModel Model() => new()
    {
        Indicators =
        [
            new() { Code = Kpis.OnSiteOnTime, Weight = 50, MinCount = 5, Bands = [new() { At = 95, Points = 100 }, new() { At = 90, Points = 80 }, new() { At = 80, Points = 60 }] },
            new() { Code = Kpis.Satisfied, Weight = 30, MinCount = 5, Bands = [new() { At = 90, Points = 100 }, new() { At = 80, Points = 70 }] },
            new() { Code = Kpis.ComplaintRate, Weight = 20, MinCount = 5, Bands = [new() { At = 1, Points = 100 }, new() { At = 3, Points = 50 }] },
        ],
        Grades = new() { Excellent = 90, Pass = 75, BasicPass = 60 },
        SatisfactionRedLine = 85, RedLineMinRatings = 5,
    };

    private static KpiGroup Group(params (string Code, double? Value, int Denominator)[] figures) =>
        new("enterprise", "E1", figures.ToDictionary(f => f.Code, f => new KpiFigure(f.Code, f.Value, (f.Value ?? 0) * f.Denominator / 100, f.Denominator, ["GX-1"], 1)));

    [Fact]
    public void EachIndicator_EarnsItsBestBand_AndTheWeightedSumIsTheTotal()
    {
        // On site 92 % → 80 points × 50; satisfied 95 % → 100 × 30; complaints 2.5 per 100 (less is better) → 50 × 20. 40 + 30 + 10 = 80: 合格.
        var s = AssessmentScorer.Score(Model(), Group((Kpis.OnSiteOnTime, 92, 50), (Kpis.Satisfied, 95, 40), (Kpis.ComplaintRate, 2.5, 50)));
        Assert.Equal(80, s.Total);
        Assert.Equal(AssessmentGradeCodes.Pass, s.Grade);
        Assert.Equal([80d, 100d, 50d], s.Indicators.Select(i => i.Points!.Value));
        Assert.Equal([90d, 90d, 3d], s.Indicators.Select(i => i.Band!.At));
        Assert.Equal([40d, 30d, 10d], s.Indicators.Select(i => i.Contribution!.Value));
        Assert.False(s.BelowRedLine);
    }

    [Fact]
    public void AValueBelowEveryBand_EarnsNothing_AndATooSmallSample_GivesItsWeightToTheOthers()
    {
        // On site 70 % reaches no band: 0. Satisfied has 3 ratings of the 5 needed: not scored; its 30 go to the others
        // (50 → 71.43, 20 → 28.57). Complaints 0.5 → 100. Total 0 + 28.57 = 28.57: 不合格.
        var s = AssessmentScorer.Score(Model(), Group((Kpis.OnSiteOnTime, 70, 50), (Kpis.Satisfied, 100, 3), (Kpis.ComplaintRate, 0.5, 50)));
        Assert.Equal(0, s.Indicators[0].Points);
        Assert.Null(s.Indicators[0].Band);
        Assert.False(s.Indicators[1].Scored);
        Assert.Null(s.Indicators[1].EffectiveWeight);
        Assert.Equal(71.43, Math.Round(s.Indicators[0].EffectiveWeight!.Value, 2));
        Assert.Equal(28.57, s.Total);
        Assert.Equal(AssessmentGradeCodes.Fail, s.Grade);
        Assert.False(s.BelowRedLine); // 3 ratings are too few to judge the red line
    }

    [Fact]
    public void BelowTheRedLine_AnExcellentTotal_IsAPassAtMost_AndNoTicketsIsNotAssessed()
    {
        // Satisfied 84 % (< 85 %) → 70 points × 30 = 21; on site 100 % → 50; complaints 0 → 20. 91: excellent by the total, 合格 by the red line.
        var s = AssessmentScorer.Score(Model(), Group((Kpis.OnSiteOnTime, 100, 50), (Kpis.Satisfied, 84, 50), (Kpis.ComplaintRate, 0, 50)));
        Assert.Equal(91, s.Total);
        Assert.True(s.BelowRedLine);
        Assert.Equal((AssessmentGradeCodes.Pass, AssessmentGradeCodes.Excellent), (s.Grade, s.GradeBeforeRedLine));

        var none = AssessmentScorer.Score(Model(), Group());
        Assert.Equal((null, AssessmentGradeCodes.NotAssessed), (none.Total, none.Grade));
    }

    [Theory]
    [InlineData(90, AssessmentGradeCodes.Excellent)]
    [InlineData(89.99, AssessmentGradeCodes.Pass)]
    [InlineData(75, AssessmentGradeCodes.Pass)]
    [InlineData(60, AssessmentGradeCodes.BasicPass)]
    [InlineData(59.99, AssessmentGradeCodes.Fail)]
    public void TheGradesLines_AreLeastScores(double total, string grade) => Assert.Equal(grade, AssessmentScorer.GradeOf(new AssessmentGrades(), total));

    [Fact]
    public void AModelThatDoesNotHold_IsRefusedWithEveryReason()
    {
        var m = Model();
        m.Indicators[0].Weight = 45;                       // weights 95
        m.Indicators.Add(new() { Code = Kpis.Tickets, Weight = 5, Bands = [new() { At = 1, Points = 100 }] }); // not scorable; now 100 again
        m.Indicators.Add(new() { Code = Kpis.Satisfied, Weight = 10, Bands = [] });  // twice, no bands; 110
        m.Grades = new() { Excellent = 70, Pass = 75, BasicPass = 60 };
        m.ObjectionDays = 0;
        var codes = AssessmentModel.Check(m).Select(p => p.Code).ToList();
        Assert.Contains(AssessmentModelProblems.UnknownIndicator, codes);
        Assert.Contains(AssessmentModelProblems.IndicatorTwice, codes);
        Assert.Contains(AssessmentModelProblems.NoBands, codes);
        Assert.Contains(AssessmentModelProblems.WeightsNot100, codes);
        Assert.Contains(AssessmentModelProblems.GradesOrder, codes);
        Assert.Contains(AssessmentModelProblems.NumberRange, codes);
        Assert.Empty(AssessmentModel.Check(Model()));
        Assert.True(RuleKindRegistry.Builtin.Get(RuleKinds.Assessment).RegionOnly);
    }
}
