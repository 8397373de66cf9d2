namespace XinchuangFlow.Domain.Rules;

/// <summary>One clock of the sample ticket: target, the rule that decided it, the deadline on the working calendar, the escalations.</summary>
public sealed record TrialClock(string Clock, TimeSpan Target, Sla.TargetReason Reason, DateTimeOffset Deadline, IReadOnlyList<TrialEscalation> Escalations);
