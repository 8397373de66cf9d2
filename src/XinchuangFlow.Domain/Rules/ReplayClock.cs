using XinchuangFlow.Domain.Sla;

namespace XinchuangFlow.Domain.Rules;

/// <summary>One clock of a past ticket as its history recorded it: the target it had and when it ran.</summary>
/// <remarks><c>FixedByDefinition</c>: a target the definition fixed (not the rules) stays what it was, whatever the rules say.</remarks>
public sealed record ReplayClock(ClockKind Kind, TimeSpan RecordedTarget, string? RecordedReason, IReadOnlyList<RunningStretch> Running, bool FixedByDefinition = false);
