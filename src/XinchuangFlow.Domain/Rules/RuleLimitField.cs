namespace XinchuangFlow.Domain.Rules;

/// <summary>One bound the Data Bureau may set: the pattern stored in <c>cityLimits</c>, its field, its label key and the grade the label names.</summary>
public sealed record RuleLimitField(string Pattern, RuleField Field, string LabelKey, string? Grade);
