using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Application.Audit;

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
