using XinchuangFlow.Domain.Grading;

namespace XinchuangFlow.Domain.Rules.Kinds;

/// <summary>The grading table (DSP-1): rows tried in order, the first that matches gives the grade.</summary>
public sealed class GradingRuleKind : RuleKind<GradingTable>
{
    public override string Key => RuleKinds.Grading;
    public override string TitleKey => "Rules.GradingTitle";

    public override IReadOnlyList<RuleField> Fields { get; } =
    [
        new("rows", RuleValueType.Rows, "Rules.GradingTitle"),
        new("rows[].id", RuleValueType.Text, "Rules.RowId"),
        new("rows[].grade", RuleValueType.Choice, "Grade") { Choices = Tickets.Grade.Codes },
        new("rows[].keywordsAny", RuleValueType.TextList, "Rules.Keywords") { Optional = true },
        new("rows[].impacts", RuleValueType.ChoiceList, "Rules.Impacts") { Optional = true, Choices = [Impacts.Single, Impacts.Department, Impacts.Unit], ChoiceLabelPrefix = "Impact." },
        new("rows[].categories", RuleValueType.TextList, "Rules.Categories") { Optional = true },
        new("rows[].description", RuleValueType.Text, "Rules.RowName") { Optional = true },
        new("rows[].descriptionEn", RuleValueType.Text, "Rules.RowNameEn") { Optional = true },
    ];

    public override GradingTable Parse(string json) => GradingTable.Parse(json);
}
