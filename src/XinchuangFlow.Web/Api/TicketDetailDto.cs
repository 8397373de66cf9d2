using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Web.Api;

/// <summary>A ticket with its history, its flow's open tasks and its complaints.</summary>
public sealed record TicketDetailDto(TicketDto Ticket, IReadOnlyList<EventDto> History, IReadOnlyList<CaseTaskDto> OpenTasks, IReadOnlyList<Complaint> Complaints);
