using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Application.Exchange;
using XinchuangFlow.Domain.Exchange;
using XinchuangFlow.Domain.Time;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Infrastructure.Exchange;

/// <summary>
/// Reported service data in the database: records keyed by (enterprise, external id, sequence), the tickets made from
/// them in <c>xf_tickets</c> (marked by <see cref="Ticket.ReportedBy"/>) and the batches received. One enterprise's
/// batches are applied one at a time (an advisory lock on PostgreSQL, an application lock on SQL Server, SQLite's single
/// writer), so two batches about one ticket never fold it from half of its records.
/// </summary>
public sealed class EfExchangeStore(IDbContextFactory<XfDbContext> factory) : IExchangeStore
{
    /// <summary>Reported tickets are numbered <c>GXR-&lt;city&gt;-&lt;yyyyMMdd&gt;-&lt;sequence&gt;</c>, apart from the platform's own <c>GX-</c> numbers.</summary>
    public const string NumberPrefix = "GXR";

    public async Task<IReadOnlyDictionary<string, Guid>> UnitsAsync(IReadOnlyCollection<string> names, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.ProcurementUnits.AsNoTracking().Where(u => names.Contains(u.Name)).Select(u => new { u.Name, u.Id }).ToListAsync(ct);
        return rows.GroupBy(u => u.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(u => u.Id), StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<StoredRecordKey>> StoredAsync(Guid enterpriseId, IReadOnlyCollection<string> externalIds, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ReportedRecords.AsNoTracking().Where(r => r.EnterpriseId == enterpriseId && externalIds.Contains(r.ExternalId))
            .Select(r => new StoredRecordKey(r.ExternalId, r.Sequence, r.At, r.Hash)).ToListAsync(ct);
    }

    public async Task ApplyAsync(Guid enterpriseId, IReadOnlyList<ReportedRecord> records, Action<Ticket, ReportedRecord, IReadOnlyList<ReportedRecord>> fold,
        ExchangeBatch batch, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(db, enterpriseId, ct);
        // PostgreSQL: the new records and tickets go in with binary COPY, beside the change tracker (which keeps the
        // changed records and the tickets made again). Elsewhere everything goes through the change tracker.
        var copy = db.Database.IsNpgsql();
        if (!copy)
        {
            // The batch's own row first: on SQLite this write takes the database's write lock before anything is read.
            db.ExchangeBatches.Add(batch);
            await db.SaveChangesAsync(ct);
        }

        var ids = records.Select(r => r.ExternalId).Distinct(StringComparer.Ordinal).ToList();
        var stored = db.ReportedRecords.Where(r => r.EnterpriseId == enterpriseId && ids.Contains(r.ExternalId));
        var all = await (copy ? stored.AsNoTracking() : stored).ToListAsync(ct);
        var byKey = all.ToDictionary(r => (r.ExternalId, r.Sequence));
        var added = new List<ReportedRecord>();
        foreach (var r in records)
        {
            if (byKey.TryGetValue((r.ExternalId, r.Sequence), out var row))
            {
                if (copy)
                {
                    db.ReportedRecords.Update(r);
                    byKey[(r.ExternalId, r.Sequence)] = r;
                }
                else (row.At, row.Kind, row.Data, row.Hash, row.BatchId, row.ReceivedAt) = (r.At, r.Kind, r.Data, r.Hash, r.BatchId, r.ReceivedAt);
            }
            else
            {
                if (copy) added.Add(r);
                else db.ReportedRecords.Add(r);
                byKey[(r.ExternalId, r.Sequence)] = r;
            }
        }

        var tickets = await db.Tickets.Where(t => t.ReportedBy == enterpriseId && ids.Contains(t.ExternalId!)).ToDictionaryAsync(t => t.ExternalId!, StringComparer.Ordinal, ct);
        var fresh = new List<Ticket>();
        var folded = 0;
        foreach (var group in byKey.Values.GroupBy(r => r.ExternalId, StringComparer.Ordinal))
        {
            if (group.FirstOrDefault(r => r.Sequence == 0) is not { } header) continue;
            if (!tickets.TryGetValue(group.Key, out var ticket))
            {
                // A reported ticket has no flow: its instance id is its own id (unique, and names no instance).
                var id = Guid.CreateVersion7();
                ticket = new Ticket { Id = id, InstanceId = id };
                fresh.Add(ticket);
            }
            else ticket.Version++;
            fold(ticket, header, group.Where(r => r.Sequence > 0).OrderBy(r => r.Sequence).ToList());
            folded++;
        }
        batch.Tickets = folded;   // the batch's row says how many tickets it made or made again
        // Sequences are taken in key order, so two batches taking the same days' numbers never wait on each other in a circle.
        foreach (var day in fresh.GroupBy(t => $"{NumberPrefix}-{t.CityCode}-{t.CreatedAt.ToChina():yyyyMMdd}").OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var last = await ReserveAsync(db, day.Key, day.Count(), ct);
            var n = last - day.Count();
            foreach (var t in day.OrderBy(t => t.CreatedAt)) t.Number = $"{day.Key}-{++n:00000}";
        }
        if (copy)
        {
            await PgCopy.InsertAsync(db, added, ct);
            await PgCopy.InsertAsync(db, fresh, ct);
            db.ExchangeBatches.Add(batch);
        }
        else
        {
            db.Tickets.AddRange(fresh);
            db.ExchangeBatches.Update(batch);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public async Task LogAsync(ExchangeBatch batch, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.ExchangeBatches.Add(batch);
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<ExchangeBatch>> BatchesAsync(Guid? enterpriseId, int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.ExchangeBatches.AsNoTracking();
        if (enterpriseId is { } e) q = q.Where(b => b.EnterpriseId == e);
        return await q.OrderByDescending(b => b.ReceivedAt).Take(take).ToListAsync(ct);
    }

    /// <summary>One enterprise's batches one at a time (SQLite has one writer already).</summary>
    private static async Task LockAsync(XfDbContext db, Guid enterpriseId, CancellationToken ct)
    {
        var name = "xf-exchange-" + enterpriseId.ToString("N");
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtextextended({0}, 0))", [name], ct);
        else if (db.Database.IsSqlServer())
            await db.Database.ExecuteSqlRawAsync("EXEC sp_getapplock @Resource = {0}, @LockMode = 'Exclusive', @LockOwner = 'Transaction'", [name], ct);
    }

    /// <summary>Takes <paramref name="count"/> numbers of a sequence in one statement; returns the last one taken.</summary>
    private static async Task<int> ReserveAsync(XfDbContext db, string key, int count, CancellationToken ct)
    {
        var sql = db.Database.IsSqlServer()
            ? "MERGE xf_number_sequences WITH (HOLDLOCK) AS s USING (SELECT {0} AS [Key]) AS k ON s.[Key] = k.[Key] " +
              "WHEN MATCHED THEN UPDATE SET [Last] = s.[Last] + {1} WHEN NOT MATCHED THEN INSERT ([Key], [Last]) VALUES ({0}, {1}) OUTPUT inserted.[Last] AS [Value];"
            : "INSERT INTO xf_number_sequences (\"Key\", \"Last\") VALUES ({0}, {1}) ON CONFLICT (\"Key\") DO UPDATE SET \"Last\" = xf_number_sequences.\"Last\" + {1} RETURNING \"Last\" AS \"Value\"";
        var result = await db.Database.SqlQueryRaw<int>(sql, key, count).ToListAsync(ct);
        return result[0];
    }
}
