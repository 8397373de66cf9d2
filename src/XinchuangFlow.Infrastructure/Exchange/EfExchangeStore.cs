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
        var asked = names.ToArray();   // an array parameter: a set would be a type the driver resolves anew each time
        var rows = await db.ProcurementUnits.AsNoTracking().Where(u => asked.Contains(u.Name)).Select(u => new { u.Name, u.Id }).ToListAsync(ct);
        return rows.GroupBy(u => u.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(u => u.Id), StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<StoredRecordKey>> StoredAsync(Guid enterpriseId, IReadOnlyCollection<string> externalIds, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await RecordsOf(db, enterpriseId, externalIds).AsNoTracking()
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
        var stored = RecordsOf(db, enterpriseId, ids);
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

        // A reported ticket is made in the same transaction as its ticket record (sequence 0) is first stored, so only the
        // ids whose ticket record was stored before can have a ticket: a batch of new tickets asks nothing more. (Asking
        // anyway cost about 80 ms a batch on PostgreSQL, see RecordsOf.)
        var known = all.Where(r => r.Sequence == 0).Select(r => r.ExternalId).Distinct(StringComparer.Ordinal).ToList();
        var tickets = known.Count == 0 ? new Dictionary<string, Ticket>(StringComparer.Ordinal) : await TicketsOf(db, enterpriseId, known)
            .ToDictionaryAsync(t => t.ExternalId!, StringComparer.Ordinal, ct);
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
        var days = fresh.GroupBy(t => $"{NumberPrefix}-{t.CityCode}-{t.CreatedAt.ToChina():yyyyMMdd}").OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var lasts = await ReserveAsync(db, days.Select(d => (d.Key, d.Count())).ToList(), ct);
        foreach (var day in days)
        {
            var n = lasts[day.Key] - day.Count();
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

    /// <summary>
    /// The enterprise's stored records of these tickets. On PostgreSQL each id is sought on its own (a lateral join of the
    /// ids): asked as <c>"ExternalId" = ANY(@ids)</c>, the planner seeks the key's first column only and filters every
    /// record of the enterprise whenever its statistics take the enterprise for a small one — as they do for an enterprise
    /// whose first upload is growing the table between two analyses (≈40 ms a batch at 50,000 records, growing). An
    /// equality on both key columns is sought whatever the statistics say (<c>OFFSET 0</c> keeps the planner from
    /// flattening the lateral subquery into a hash join over all the enterprise's records, the same mistake in another form).
    /// </summary>
    private static IQueryable<ReportedRecord> RecordsOf(XfDbContext db, Guid enterpriseId, IReadOnlyCollection<string> externalIds)
    {
        var ids = externalIds.Distinct(StringComparer.Ordinal).ToArray();
        return db.Database.IsNpgsql()
            ? db.ReportedRecords.FromSqlInterpolated(
                $"SELECT r.* FROM unnest({ids}) AS k(id) CROSS JOIN LATERAL (SELECT * FROM xf_reported_records x WHERE x.\"EnterpriseId\" = {enterpriseId} AND x.\"ExternalId\" = k.id OFFSET 0) AS r")
            : db.ReportedRecords.Where(r => r.EnterpriseId == enterpriseId && ids.Contains(r.ExternalId));
    }

    /// <summary>The enterprise's reported tickets of these ids, sought one id at a time on PostgreSQL like <see cref="RecordsOf"/>.</summary>
    private static IQueryable<Ticket> TicketsOf(XfDbContext db, Guid enterpriseId, IReadOnlyCollection<string> externalIds)
    {
        var ids = externalIds.Distinct(StringComparer.Ordinal).ToArray();
        return db.Database.IsNpgsql()
            ? db.Tickets.FromSqlInterpolated(
                $"SELECT t.* FROM unnest({ids}) AS k(id) CROSS JOIN LATERAL (SELECT * FROM xf_tickets x WHERE x.\"ReportedBy\" = {enterpriseId} AND x.\"ExternalId\" = k.id OFFSET 0) AS t")
            // "ExternalId != null" spares the translation its test for a null among the ids.
            : db.Tickets.Where(t => t.ReportedBy == enterpriseId && t.ExternalId != null && ids.Contains(t.ExternalId));
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

    /// <summary>
    /// Takes numbers of several sequences, in the order given, in one statement (one per sequence on SQL Server); returns
    /// the last number taken of each.
    /// </summary>
    private static async Task<Dictionary<string, int>> ReserveAsync(XfDbContext db, IReadOnlyList<(string Key, int Count)> wanted, CancellationToken ct)
    {
        var lasts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (wanted.Count == 0) return lasts;
        if (db.Database.IsSqlServer())
        {
            foreach (var (key, count) in wanted)
            {
                const string merge = "MERGE xf_number_sequences WITH (HOLDLOCK) AS s USING (SELECT {0} AS [Key]) AS k ON s.[Key] = k.[Key] " +
                    "WHEN MATCHED THEN UPDATE SET [Last] = s.[Last] + {1} WHEN NOT MATCHED THEN INSERT ([Key], [Last]) VALUES ({0}, {1}) OUTPUT inserted.[Last] AS [Value];";
                lasts[key] = (await db.Database.SqlQueryRaw<int>(merge, key, count).ToListAsync(ct))[0];
            }
            return lasts;
        }
        // PostgreSQL and SQLite: the rows are inserted (or their counters raised) in the order of the VALUES list.
        var values = string.Join(", ", wanted.Select((_, i) => $"({{{2 * i}}}, {{{2 * i + 1}}})"));
        var sql = $"INSERT INTO xf_number_sequences (\"Key\", \"Last\") VALUES {values} " +
                  "ON CONFLICT (\"Key\") DO UPDATE SET \"Last\" = xf_number_sequences.\"Last\" + excluded.\"Last\" RETURNING \"Key\", \"Last\"";
        var args = wanted.SelectMany(w => new object[] { w.Key, w.Count }).ToArray();
        foreach (var row in await db.Database.SqlQueryRaw<Reserved>(sql, args).ToListAsync(ct)) lasts[row.Key] = row.Last;
        return lasts;
    }

    private sealed class Reserved
    {
        public string Key { get; set; } = "";
        public int Last { get; set; }
    }
}
