namespace XinchuangFlow.Application.Audit;

/// <summary>How often a connection was taken over a period.</summary>
public sealed record ConnectionHeat(string From, string Port, int Count);
