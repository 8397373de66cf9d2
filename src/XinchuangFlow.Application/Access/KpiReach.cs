namespace XinchuangFlow.Application.Access;

/// <summary>Whose service indicators a user reads: the whole region, one city, or one enterprise.</summary>
public sealed record KpiReach(bool Region, string? City, Guid? Enterprise);
