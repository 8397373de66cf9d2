namespace XinchuangFlow.Domain.Dispatch;

/// <summary>What is to be dispatched.</summary>
public sealed record DispatchRequest(
    string TicketNo,
    string CountyCode,
    string ProductCategory,
    Tickets.Grade Grade,
    Guid? ResponsibleIntegratorId,
    DateTimeOffset At);
