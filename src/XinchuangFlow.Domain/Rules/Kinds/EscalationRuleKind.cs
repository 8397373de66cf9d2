namespace XinchuangFlow.Domain.Rules.Kinds;

/// <summary>The escalation chain (FLOW-3): levels at a share of a clock's target, with whom they tell.</summary>
public sealed class EscalationRuleKind : RuleKind<EscalationRules>
{
    public const string Levels = "levels";

    public override string Key => RuleKinds.Escalation;
    public override string TitleKey => "Rules.EscalationTitle";

    public override IReadOnlyList<RuleField> Fields { get; } =
    [
        new(Levels, RuleValueType.Rows, "Rules.EscalationTitle") { InOverview = true },
        new("levels[].percent", RuleValueType.Percent, "Rules.Percent"),
        new("levels[].roles", RuleValueType.ChoiceList, "Rules.Recipients") { Optional = true, ChoiceLabelPrefix = "Role." },
        new("levels[].users", RuleValueType.UserList, "Rules.NamedPeople") { Optional = true },
        new("levels[].channels", RuleValueType.ChoiceList, "Rules.Channels") { Optional = true, Choices = EscalationLevel.KnownChannels, ChoiceLabelPrefix = "Channel." },
        new("levels[].labelZh", RuleValueType.Text, "Rules.Label") { Optional = true },
    ];

    public override EscalationRules Parse(string json) => EscalationRules.Parse(json);
}
