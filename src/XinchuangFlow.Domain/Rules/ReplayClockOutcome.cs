using XinchuangFlow.Domain.Time;
using XinchuangFlow.Domain.Grading;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Domain.Rules;

/// <summary>What one clock of one ticket came to under a set of rules.</summary>
public sealed record ReplayClockOutcome(ClockKind Kind, TimeSpan Target, TimeSpan Used, bool Breached, IReadOnlyList<int> Levels);
