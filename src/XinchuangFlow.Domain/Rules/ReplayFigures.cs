namespace XinchuangFlow.Domain.Rules;

/// <summary>The figures of one side: per clock, escalations per level (percent → number fired), tickets with a breach.</summary>
public sealed record ReplayFigures(IReadOnlyList<ReplayClockFigures> Clocks, IReadOnlyDictionary<int, int> EscalationsByLevel, int BreachedTickets);
