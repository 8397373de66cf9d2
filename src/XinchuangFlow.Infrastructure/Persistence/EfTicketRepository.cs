using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>Tickets and complaints as the domain activities read them, and the number sequences.</summary>
public sealed class EfTicketRepository(IDbContextFactory<XfDbContext> factory) : ITicketRepository
{
    public async Task<Ticket?> FindTicketByInstanceAsync(Guid instanceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.InstanceId == instanceId, ct);
    }

    public async Task<Ticket?> FindTicketAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
    }

    public async Task<Complaint?> FindComplaintByInstanceAsync(Guid instanceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Complaints.AsNoTracking().FirstOrDefaultAsync(c => c.InstanceId == instanceId, ct);
    }

    public async Task<int> ComplaintCountAsync(Guid ticketId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Complaints.AsNoTracking().CountAsync(c => c.TicketId == ticketId, ct);
    }

    /// <summary>
    /// Increments the counter in one statement (the row is created on first use); two callers never get the same
    /// number. A lost race on creating the row is retried.
    /// </summary>
    public async Task<int> NextSequenceAsync(string key, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var updated = db.Database.IsSqlServer()
                ? await db.Database.SqlQueryRaw<int>("UPDATE xf_number_sequences SET [Last] = [Last] + 1 OUTPUT inserted.[Last] AS [Value] WHERE [Key] = {0}", key).ToListAsync(ct)
                : await db.Database.SqlQueryRaw<int>("UPDATE xf_number_sequences SET \"Last\" = \"Last\" + 1 WHERE \"Key\" = {0} RETURNING \"Last\" AS \"Value\"", key).ToListAsync(ct);
            if (updated.Count == 1) return updated[0];
            db.NumberSequences.Add(new NumberSequence { Key = key, Last = 1 });
            try
            {
                await db.SaveChangesAsync(ct);
                return 1;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Someone created the row first: increment it instead.
            }
        }
    }
}
