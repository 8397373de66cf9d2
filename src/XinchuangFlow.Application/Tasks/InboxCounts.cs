namespace XinchuangFlow.Application.Tasks;

/// <summary>How many open tasks each view holds (the inbox's tab badges).</summary>
public sealed record InboxCounts(int Mine, int Team, int Overdue, int All);
