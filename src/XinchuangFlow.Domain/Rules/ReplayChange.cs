namespace XinchuangFlow.Domain.Rules;

/// <summary>A ticket whose outcome the change would alter: current and proposed side by side.</summary>
public sealed record ReplayChange(string Number, string Title, string CityCode, ReplayTicketOutcome Current, ReplayTicketOutcome Proposed);
