using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Application.Audit;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>
/// The audit trail in <c>xf_audit</c> (SEC-3): append-only (database triggers refuse changing or deleting a sealed line,
/// and deleting any), read newest first, and tamper-evident: the sealer links the lines in the order they were written
/// into a chain where each line's SM3 hash (GB/T 32905, BouncyCastle) covers its content and the previous hash, so a
/// line changed, removed or slipped in afterwards breaks the chain at that line.
/// </summary>
public sealed class EfAuditLog(IDbContextFactory<XfDbContext> factory, IOptions<DatabaseOptions> database) : IAuditLog
{
    /// <summary>The text a line's hash is computed over: every field that says what happened, and the link.</summary>
    public static string Canonical(AuditEntry e) => string.Join('\u001f', e.SealOrder, e.Id.ToString("N"), e.At.UtcTicks, e.User, e.Address,
        e.EntityKind, e.EntityId, e.Action, e.Comment, e.Version, e.Before, e.After, e.PrevHash);

    public static string Sm3(string text)
    {
        var digest = new Org.BouncyCastle.Crypto.Digests.SM3Digest();
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        digest.BlockUpdate(bytes, 0, bytes.Length);
        var hash = new byte[digest.GetDigestSize()];
        digest.DoFinal(hash, 0);
        return Convert.ToHexString(hash).ToLowerInvariant();
    }

    public async Task<int> SealAsync(int max, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // One sealer at a time across nodes (the unique seal order would refuse a fork anyway).
        switch (database.Value.Provider)
        {
            case DatabaseProvider.PostgreSql: await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7411)", ct); break;
            case DatabaseProvider.SqlServer: await db.Database.ExecuteSqlRawAsync("EXEC sp_getapplock @Resource = 'xf_audit_seal', @LockMode = 'Exclusive', @LockOwner = 'Transaction'", ct); break;
        }
        var last = await db.Audit.AsNoTracking().Where(a => a.SealOrder != null).OrderByDescending(a => a.SealOrder)
            .Select(a => new { a.SealOrder, a.Hash }).FirstOrDefaultAsync(ct);
        var pending = await db.Audit.Where(a => a.SealOrder == null).OrderBy(a => a.At).ThenBy(a => a.Id).Take(max).ToListAsync(ct);
        if (pending.Count == 0) return 0;
        var order = last?.SealOrder ?? 0;
        var prev = last?.Hash ?? "";
        foreach (var line in pending)
        {
            line.SealOrder = ++order;
            line.PrevHash = prev;
            line.Hash = prev = Sm3(Canonical(line));
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return pending.Count;
    }

    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var unsealed = await db.Audit.CountAsync(a => a.SealOrder == null, ct);
        long expected = 1;
        var prev = "";
        while (true)
        {
            var from = expected;
            var page = await db.Audit.AsNoTracking().Where(a => a.SealOrder >= from).OrderBy(a => a.SealOrder).Take(2000).ToListAsync(ct);
            if (page.Count == 0) return new AuditVerification(expected - 1, unsealed, prev.Length == 0 ? null : prev, null, null, null);
            foreach (var line in page)
            {
                if (line.SealOrder != expected)
                    return new AuditVerification(expected - 1, unsealed, prev, expected, line.Id, $"line {expected} of the chain is missing (the next one is {line.SealOrder})");
                if (line.PrevHash != prev)
                    return new AuditVerification(expected - 1, unsealed, prev, expected, line.Id, $"line {expected} does not link to the line before it");
                if (Sm3(Canonical(line)) != line.Hash)
                    return new AuditVerification(expected - 1, unsealed, prev, expected, line.Id, $"line {expected} was changed after it was sealed");
                prev = line.Hash!;
                expected++;
            }
        }
    }

    public async Task<(IReadOnlyList<AuditEntry> Items, int Total)> SearchAsync(AuditQuery query, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Audit.AsNoTracking();
        if (query.EntityKind is { Length: > 0 } kind) q = q.Where(a => a.EntityKind == kind);
        if (query.EntityId is { Length: > 0 } id) q = q.Where(a => a.EntityId == id);
        if (query.User is { Length: > 0 } user) q = q.Where(a => a.User == user);
        if (query.Action is { Length: > 0 } action) q = q.Where(a => a.Action == action);
        if (query.From is { } from) q = q.Where(a => a.At >= from);
        if (query.To is { } to) q = q.Where(a => a.At < to);
        if (query.Text is { Length: > 0 } text)
            q = q.Where(a => a.EntityId.Contains(text) || (a.Comment != null && a.Comment.Contains(text)) || (a.After != null && a.After.Contains(text)));
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Skip(skip).Take(take).ToListAsync(ct);
        return (items, total);
    }

    public async Task RecordAsync(AuditEntry entry, CancellationToken ct = default)
    {
        entry.Address ??= XinchuangFlow.Engine.Runtime.CallOrigin.Current;
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Audit.Add(entry);
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string entityKind, string entityId, int take = 200, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Audit.AsNoTracking().Where(a => a.EntityKind == entityKind && a.EntityId == entityId)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(take).ToListAsync(ct);
    }

    public async Task<IReadOnlyDictionary<string, AuditEntry>> LatestAsync(string entityKind, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        // The newest line per thing, chosen by the database; the before/after columns are not read.
        var kind = db.Audit.AsNoTracking().Where(a => a.EntityKind == entityKind);
        var rows = await kind.Where(a => !kind.Any(b => b.EntityId == a.EntityId && b.At > a.At))
            .Select(a => new AuditEntry { Id = a.Id, At = a.At, User = a.User, EntityKind = a.EntityKind, EntityId = a.EntityId, Action = a.Action, Version = a.Version })
            .ToListAsync(ct);
        return rows.GroupBy(a => a.EntityId).ToDictionary(g => g.Key, g => g.MaxBy(a => a.Id)!);   // two lines at the same instant: the later id
    }
}

/// <summary>Live instances per definition version, counted in the database.</summary>
public sealed class EfWorkflowStatistics(IDbContextFactory<XfDbContext> factory) : IWorkflowStatistics
{
    public async Task<IReadOnlyDictionary<(string DefinitionId, int Version), int>> ActiveInstancesAsync(string? definitionId = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Instances.AsNoTracking().Where(i => i.Status == WorkflowStatus.Running || i.Status == WorkflowStatus.Waiting || i.Status == WorkflowStatus.Faulted);
        if (definitionId is not null) q = q.Where(i => i.DefinitionId == definitionId);
        var rows = await q.GroupBy(i => new { i.DefinitionId, i.DefinitionVersion }).Select(g => new { g.Key.DefinitionId, g.Key.DefinitionVersion, Count = g.Count() }).ToListAsync(ct);
        return rows.ToDictionary(r => (r.DefinitionId, r.DefinitionVersion), r => r.Count);
    }

    public async Task<(IReadOnlyList<ActivityHeat> Activities, IReadOnlyList<ConnectionHeat> Connections, int Instances)> HeatAsync(
        string definitionId, int version, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var instances = db.Instances.AsNoTracking().Where(i => i.DefinitionId == definitionId && i.DefinitionVersion == version && i.CreatedAt >= from && i.CreatedAt < to);
        var total = await instances.CountAsync(ct);
        var ran = new[] { JournalKind.ActivityExecuted, JournalKind.ActivityResumed };
        // Counts are aggregated by the database; only the waits' start and end times come back.
        var counts = await db.Journal.AsNoTracking()
            .Where(j => j.ActivityId != null && ran.Contains(j.Kind) && instances.Any(i => i.Id == j.InstanceId))
            .GroupBy(j => new { j.ActivityId, j.Outcome })
            .Select(g => new { g.Key.ActivityId, g.Key.Outcome, Runs = g.Count() })
            .ToListAsync(ct);
        // An instance reached an activity when it ran there or waits there now.
        var reachedKinds = new[] { JournalKind.ActivityExecuted, JournalKind.ActivityResumed, JournalKind.ActivityWaiting };
        var reached = await db.Journal.AsNoTracking()
            .Where(j => j.ActivityId != null && reachedKinds.Contains(j.Kind) && instances.Any(i => i.Id == j.InstanceId))
            .GroupBy(j => j.ActivityId!)
            .Select(g => new { ActivityId = g.Key, Instances = g.Select(j => j.InstanceId).Distinct().Count() })
            .ToDictionaryAsync(x => x.ActivityId, x => x.Instances, ct);
        var waits = await db.Journal.AsNoTracking()
            .Where(j => j.ActivityId != null && (j.Kind == JournalKind.ActivityWaiting || j.Kind == JournalKind.ActivityResumed) && instances.Any(i => i.Id == j.InstanceId))
            .Select(j => new { j.InstanceId, j.ActivityId, j.Kind, j.StartedAt, j.Sequence })
            .ToListAsync(ct);
        var breached = (await db.Tickets.AsNoTracking().Where(t => t.Breached && instances.Any(i => i.Id == t.InstanceId)).Select(t => t.InstanceId).ToListAsync(ct)).ToHashSet();
        var durations = new Dictionary<string, List<TimeSpan>>();
        var waitedBy = new Dictionary<string, HashSet<Guid>>();
        foreach (var g in waits.GroupBy(w => (w.InstanceId, w.ActivityId)))
        {
            DateTimeOffset? since = null;
            foreach (var w in g.OrderBy(w => w.Sequence))
            {
                if (w.Kind == JournalKind.ActivityWaiting) since ??= w.StartedAt;
                else if (since is { } s)
                {
                    (durations.TryGetValue(w.ActivityId!, out var list) ? list : durations[w.ActivityId!] = []).Add(w.StartedAt - s);
                    since = null;
                }
            }
            (waitedBy.TryGetValue(g.Key.ActivityId!, out var set) ? set : waitedBy[g.Key.ActivityId!] = []).Add(g.Key.InstanceId);
        }
        var activities = reached.Keys.Select(id => (Key: id, Runs: counts.Where(c => c.ActivityId == id).Sum(c => c.Runs))).Select(g =>
        {
            var d = durations.GetValueOrDefault(g.Key)?.Order().ToList() ?? [];
            var waited = waitedBy.GetValueOrDefault(g.Key) ?? [];
            return new ActivityHeat(g.Key, reached.GetValueOrDefault(g.Key), g.Runs,
                d.Count == 0 ? null : d[(d.Count - 1) / 2], d.Count == 0 ? null : d[(int)Math.Ceiling(d.Count * 0.9) - 1], d.Count,
                waited.Count == 0 ? 0 : waited.Count(breached.Contains) / (double)waited.Count);
        }).ToList();
        var connections = counts.Where(c => c.Outcome is not null)
            .SelectMany(c => c.Outcome!.Split(',').Select(port => (c.ActivityId!, port, c.Runs)))
            .GroupBy(x => (x.Item1, x.port)).Select(g => new ConnectionHeat(g.Key.Item1, g.Key.port, g.Sum(x => x.Runs))).ToList();
        return (activities, connections, total);
    }
}

/// <summary>
/// Seals new audit lines every few seconds on each node (one at a time, by a database lock) and logs the chain's head
/// hash after each round that sealed something: an anchor outside the database, so that a whole chain recomputed by
/// someone with write access to the database no longer matches what the logs say.
/// </summary>
public sealed class AuditSealJob(XinchuangFlow.Application.Audit.IAuditLog audit, IDbContextFactory<XfDbContext> factory,
    Microsoft.Extensions.Logging.ILogger<AuditSealJob> log) : Microsoft.Extensions.Hosting.BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sealedNow = 0;
                int n;
                while ((n = await audit.SealAsync(2000, stoppingToken)) > 0) sealedNow += n;
                if (sealedNow > 0)
                {
                    await using var db = await factory.CreateDbContextAsync(stoppingToken);
                    var head = await db.Audit.AsNoTracking().Where(a => a.SealOrder != null).OrderByDescending(a => a.SealOrder)
                        .Select(a => new { a.SealOrder, a.Hash }).FirstAsync(stoppingToken);
                    log.LogInformation("Audit chain sealed {Count} line(s); head {SealOrder} SM3 {Hash}", sealedNow, head.SealOrder, head.Hash);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) { log.LogWarning(e, "Sealing the audit trail failed; trying again"); }
            try { await Task.Delay(Interval, stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }
}
