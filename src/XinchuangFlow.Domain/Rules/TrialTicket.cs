namespace XinchuangFlow.Domain.Rules;

/// <summary>A sample ticket to try rules on: where the requester is, its grade, when it was raised and where the service point is.</summary>
public sealed record TrialTicket(string CountyCode, Tickets.Grade Grade, DateTimeOffset CreatedAt, string? ServicePointCounty = null);
