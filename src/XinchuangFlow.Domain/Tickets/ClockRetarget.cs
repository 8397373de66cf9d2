using XinchuangFlow.Domain.Sla;

namespace XinchuangFlow.Domain.Tickets;

/// <summary>One clock's target and deadline before and after the rules in force are applied to it again.</summary>
public sealed record ClockRetarget(ClockKind Clock, TimeSpan OldTarget, TimeSpan NewTarget, DateTimeOffset? OldDeadline, DateTimeOffset? NewDeadline, Sla.TargetReason Reason);
