namespace XinchuangFlow.Domain.Rules;

/// <summary>When an escalation level would fire, and whom it tells.</summary>
public sealed record TrialEscalation(int Percent, DateTimeOffset At, IReadOnlyList<string> Roles, string? LabelZh);
