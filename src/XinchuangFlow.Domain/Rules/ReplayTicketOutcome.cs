namespace XinchuangFlow.Domain.Rules;

/// <summary>What one ticket came to under a set of rules.</summary>
public sealed record ReplayTicketOutcome(Tickets.Grade Grade, IReadOnlyList<ReplayClockOutcome> Clocks)
{
    public bool Breached => Clocks.Any(c => c.Breached);
}
