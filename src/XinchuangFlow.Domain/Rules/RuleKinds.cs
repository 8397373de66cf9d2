namespace XinchuangFlow.Domain.Rules;

/// <summary>
/// The keys of the shipped rule kinds (each kind is a class of its own, see <see cref="RuleKindRegistry"/>); each has a
/// regional default and may have one row per city.
/// </summary>
public static class RuleKinds
{
    public const string Grading = "grading";
    public const string Sla = "sla";
    public const string Escalation = "escalation";
    public const string Dispatch = "dispatch";
    public const string Assessment = "assessment";
    public const string RegionScope = "region";
    /// <summary>The shipped kinds' keys (an installation's are <see cref="RuleKindRegistry.Keys"/>).</summary>
    public static IReadOnlyList<string> All => RuleKindRegistry.Builtin.Keys;
}
