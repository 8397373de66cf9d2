using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Tickets;

/// <summary>A ticket with its history, the tasks waiting on it and its complaints.</summary>
public sealed record TicketDetail(Ticket Ticket, IReadOnlyList<CaseEvent> History, IReadOnlyList<HumanTask> OpenTasks, IReadOnlyList<Complaint> Complaints);
