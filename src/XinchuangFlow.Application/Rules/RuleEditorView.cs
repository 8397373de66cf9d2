using XinchuangFlow.Domain.Rules;

namespace XinchuangFlow.Application.Rules;

/// <summary>A city's rules as the editor shows them: the regional value beside the city's, and where they differ.</summary>
public sealed record RuleEditorView(string Kind, string Scope, RuleSet Region, RuleSet? Overrides, string EffectiveJson, IReadOnlyList<string> Differences);
