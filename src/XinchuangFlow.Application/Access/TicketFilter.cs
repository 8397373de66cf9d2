namespace XinchuangFlow.Application.Access;

/// <summary>Filter for ticket lists.</summary>
public sealed record TicketFilter(string? Status = null, string? City = null, string? Grade = null, bool? Breached = null, string? Search = null, int? Skip = null, int? Take = null);
