using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Application.Tickets;

/// <summary>What the desk knows about a caller's unit: its tickets (open first) and the contact of its last request.</summary>
public sealed record HotlineContext(ProcurementUnit Unit, IReadOnlyList<Ticket> Tickets, string? LastContactName, string? LastContactPhone, string? LastAddress);
