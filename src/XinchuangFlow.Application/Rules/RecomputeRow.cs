using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Application.Rules;

/// <summary>An open ticket whose clocks the rules in force would give other targets or deadlines.</summary>
public sealed record RecomputeRow(Guid TicketId, Guid InstanceId, string Number, string Title, Grade? Grade, IReadOnlyList<ClockRetarget> Changes);
