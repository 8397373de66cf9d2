using XinchuangFlow.Domain.Sla;

namespace XinchuangFlow.Domain.Rules;

/// <summary>What one clock of one ticket came to under a set of rules.</summary>
public sealed record ReplayClockOutcome(ClockKind Kind, TimeSpan Target, TimeSpan Used, bool Breached, IReadOnlyList<int> Levels);
