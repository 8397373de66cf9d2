namespace XinchuangFlow.Application.Access;

/// <summary>Whose service data a user reads (indicators, reported batches): the whole region, one city, or one enterprise.</summary>
public sealed record DataReach(bool Region, string? City, Guid? Enterprise);
