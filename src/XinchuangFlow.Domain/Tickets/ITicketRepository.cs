namespace XinchuangFlow.Domain.Tickets;

/// <summary>What the complaint flow's domain activities read and the ticket activities load.</summary>
public interface ITicketRepository
{
    Task<Ticket?> FindTicketByInstanceAsync(Guid instanceId, CancellationToken ct = default);
    Task<Ticket?> FindTicketAsync(Guid id, CancellationToken ct = default);
    Task<Complaint?> FindComplaintByInstanceAsync(Guid instanceId, CancellationToken ct = default);
    /// <summary>How many complaints were filed about a ticket.</summary>
    Task<int> ComplaintCountAsync(Guid ticketId, CancellationToken ct = default);
    /// <summary>The next number of a per-day sequence, e.g. GX-4501-20261127 → 12. Never returns a number twice.</summary>
    Task<int> NextSequenceAsync(string key, CancellationToken ct = default);
}
