using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Web.Api;

/// <summary>
/// One SLA clock of a ticket: its target (none before it starts), why it has that target — in the caller's language, and
/// as data (<see cref="TargetBasis"/>) —, use so far, deadline and escalation levels reached.
/// </summary>
public sealed record ClockDto(string Clock, string State, string? Target, string? TargetReason, DateTimeOffset? StartedAt, DateTimeOffset? StoppedAt,
    string Consumed, string PausedTotal, DateTimeOffset? Deadline, bool Breached, IReadOnlyList<int> Escalated)
{
    public Domain.Sla.TargetReason? TargetBasis { get; init; }

    public static ClockDto From(Ticket t, SlaClock c, DateTimeOffset now) =>
        new(TicketClocks.Name(c.Kind), c.State.ToString(), c.State == ClockState.NotStarted ? null : c.Target.ToString(),
            c.TargetReason is null ? null : Text.TargetReasons.Text(c.TargetReason), c.StartedAt, c.StoppedAt, c.Consumed.ToString(), c.PausedTotal.ToString(),
            t.DueAt(c.Kind),
            t.IsLate(c, now),
            c.Escalated) { TargetBasis = Domain.Sla.TargetReason.Decode(c.TargetReason) };
}
