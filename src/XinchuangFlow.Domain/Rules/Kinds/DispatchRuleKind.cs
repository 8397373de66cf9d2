namespace XinchuangFlow.Domain.Rules.Kinds;

/// <summary>Dispatch preferences (DSP-2): the capability level each grade needs, preferred and excluded service points, fallbacks.</summary>
public sealed class DispatchRuleKind : RuleKind<DispatchRules>
{
    public const string Levels = "levels";

    public override string Key => RuleKinds.Dispatch;
    public override string TitleKey => "Rules.DispatchTitle";

    public override string? NotReplayableReason =>
        "Dispatch preferences cannot be replayed: who was free, and where, at the time is not in the ticket history.";

    public override IReadOnlyList<RuleField> Fields { get; } =
    [
        new("requiredLevel.{grade}", RuleValueType.Choice, "Rules.RequiredLevel")
            { Limitable = true, UnitKey = "Limits.LevelUnit", Choices = ["1", "2", "3"], ChoiceLabelPrefix = "Level.", Group = Levels },
        new("preferredServicePoints", RuleValueType.ServicePointList, "Rules.PreferredPoints"),
        new("excludedServicePoints", RuleValueType.ServicePointList, "Rules.ExcludedPoints"),
        new("fallbacks", RuleValueType.Map, "Rules.Fallbacks"),
    ];

    public override DispatchRules Parse(string json) => DispatchRules.Parse(json);
}
