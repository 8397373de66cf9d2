using XinchuangFlow.Domain.Sla;

namespace XinchuangFlow.Domain.Rules;

/// <summary>A clock event of a ticket's history, as stored (<c>clock-start</c>, <c>clock-pause</c>, …).</summary>
public sealed record ClockHistoryEvent(DateTimeOffset At, string Action, ClockKind Clock, TimeSpan? Target, string? TargetReason, bool TargetFixed = false);
