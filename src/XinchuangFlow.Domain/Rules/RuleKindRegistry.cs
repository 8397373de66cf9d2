namespace XinchuangFlow.Domain.Rules;

/// <summary>
/// The rule kinds of this installation, in the order they are shown. Built from DI (every registered
/// <see cref="IRuleKind"/>); <see cref="Builtin"/> holds the shipped ones for code that has no container.
/// </summary>
public sealed class RuleKindRegistry
{
    private readonly Dictionary<string, IRuleKind> _byKey;

    public RuleKindRegistry(IEnumerable<IRuleKind> kinds)
    {
        All = kinds.ToList();
        _byKey = new Dictionary<string, IRuleKind>(StringComparer.Ordinal);
        foreach (var k in All)
            if (!_byKey.TryAdd(k.Key, k)) throw new ArgumentException($"The rule kind '{k.Key}' is registered twice.", nameof(kinds));
    }

    /// <summary>The shipped kinds, in the order the editor's tabs show them.</summary>
    public static IReadOnlyList<IRuleKind> Shipped { get; } = [new Kinds.SlaRuleKind(), new Kinds.EscalationRuleKind(), new Kinds.GradingRuleKind(), new Kinds.DispatchRuleKind(), new Kinds.AssessmentRuleKind()];

    public static RuleKindRegistry Builtin { get; } = new(Shipped);

    public IReadOnlyList<IRuleKind> All { get; }
    public IReadOnlyList<string> Keys => All.Select(k => k.Key).ToList();

    public IRuleKind? Find(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>The kind of a key; <see cref="InvalidDataException"/> for an unknown one.</summary>
    public IRuleKind Get(string key) =>
        Find(key) ?? throw new InvalidDataException($"Unknown rule kind '{key}' (use {string.Join(", ", Keys)}).");

    /// <summary>Throws <see cref="InvalidDataException"/> naming every problem of the document (a store's or a caller's check before writing).</summary>
    public void Ensure(string key, string json, DateTimeOffset now)
    {
        DocumentProblems.ThrowIfAny(Get(key).Validate(json, now));
    }
}
