using XinchuangFlow.Domain.Assessment;

namespace XinchuangFlow.Domain.Rules.Kinds;

/// <summary>
/// The quarterly assessment model (ASM-2): regional only — every enterprise is judged by the same model, so the cities
/// read it and do not change it. Its what-if scores a past quarter with the model being edited (not a ticket replay).
/// </summary>
public sealed class AssessmentRuleKind : RuleKind<AssessmentModel>
{
    public override string Key => RuleKinds.Assessment;
    public override string TitleKey => "Rules.AssessmentTitle";
    public override bool RegionOnly => true;
    public override string? NotReplayableReason => "The assessment model scores quarters, not tickets: its what-if scores a past quarter.";

    public override IReadOnlyList<RuleField> Fields { get; } =
    [
        new("indicators", RuleValueType.Rows, "Assessment.Indicators"),
        new("indicators[].code", RuleValueType.Choice, "Assessment.Indicator") { Choices = AssessmentModel.Scorable, ChoiceLabelPrefix = "Kpi." },
        new("indicators[].weight", RuleValueType.Number, "Assessment.Weight"),
        new("indicators[].minCount", RuleValueType.Number, "Assessment.MinCount"),
        new("indicators[].bands", RuleValueType.Rows, "Assessment.Bands"),
        new("indicators[].bands[].at", RuleValueType.Number, "Assessment.BandAt"),
        new("indicators[].bands[].points", RuleValueType.Number, "Assessment.Points"),
        new("grades.excellent", RuleValueType.Number, "Assessment.Grade.excellent") { Group = "grades" },
        new("grades.pass", RuleValueType.Number, "Assessment.Grade.pass") { Group = "grades" },
        new("grades.basicPass", RuleValueType.Number, "Assessment.Grade.basic-pass") { Group = "grades" },
        new("satisfactionRedLine", RuleValueType.Percent, "Assessment.RedLine") { Group = "red-line" },
        new("redLineRollingDays", RuleValueType.Number, "Assessment.RedLineDays") { Group = "red-line" },
        new("redLineMinRatings", RuleValueType.Number, "Assessment.RedLineMinRatings") { Group = "red-line" },
        new("objectionDays", RuleValueType.Number, "Assessment.ObjectionDays") { Group = "procedure" },
        new("basicPassesBeforeInterview", RuleValueType.Number, "Assessment.BasicPassesBeforeInterview") { Group = "procedure" },
    ];

    public override AssessmentModel Parse(string json) => AssessmentModel.Parse(json);
}
