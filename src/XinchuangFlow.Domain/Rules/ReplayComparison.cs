namespace XinchuangFlow.Domain.Rules;

/// <summary>The whole comparison (BEY-1).</summary>
public sealed record ReplayComparison(int Tickets, DateTimeOffset AsOf, ReplayFigures Current, ReplayFigures Proposed, int ChangedTotal, IReadOnlyList<ReplayChange> Changed);
