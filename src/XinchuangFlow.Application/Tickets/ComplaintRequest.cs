namespace XinchuangFlow.Application.Tickets;

/// <summary>A complaint as filed by a user.</summary>
public sealed record ComplaintRequest(string? Description, string? Category = "service", string? RequestKey = null, string? CityCode = null);
