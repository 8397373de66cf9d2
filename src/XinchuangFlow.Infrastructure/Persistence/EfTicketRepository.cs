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

/// <summary>
/// Rule sets in the database, read through a short cache (a change on another node shows within a few seconds;
/// on this node at once).
/// </summary>
public sealed class EfRuleStore(IDbContextFactory<XfDbContext> factory, TimeProvider clock) : IRuleSource, XinchuangFlow.Application.Rules.IRuleSetStore
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(3);
    private readonly ConcurrentDictionary<(string Kind, string Scope), (RuleSet? Set, DateTimeOffset Read)> _cache = new();

    public async Task<RuleSet> GetAsync(string kind, string? cityCode, CancellationToken ct = default)
    {
        if (cityCode is { Length: > 0 } && await ReadAsync(kind, cityCode, ct) is { } city) return city;
        return await ReadAsync(kind, RuleKinds.RegionScope, ct)
               ?? throw new InvalidOperationException($"There are no '{kind}' rules in the database; they are imported from workflows/rules at start-up.");
    }

    private async Task<RuleSet?> ReadAsync(string kind, string scope, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue((kind, scope), out var hit) && now - hit.Read < Ttl && now >= hit.Read) return hit.Set;
        await using var db = await factory.CreateDbContextAsync(ct);
        var set = await db.RuleSets.AsNoTracking().FirstOrDefaultAsync(r => r.Kind == kind && r.Scope == scope, ct);
        _cache[(kind, scope)] = (set, now);
        return set;
    }

    /// <summary>One stored rule set, uncached (for editors).</summary>
    public async Task<RuleSet?> FindAsync(string kind, string scope, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.RuleSets.AsNoTracking().FirstOrDefaultAsync(r => r.Kind == kind && r.Scope == scope, ct);
    }

    public async Task<IReadOnlyList<RuleSet>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.RuleSets.AsNoTracking().OrderBy(r => r.Kind).ThenBy(r => r.Scope).ToListAsync(ct);
    }

    /// <summary>
    /// Saves a rule set after checking it; the version goes up by one. <paramref name="expectedVersion"/> (when given)
    /// must match the stored one, so two editors cannot overwrite each other.
    /// </summary>
    public async Task<RuleSet> SaveAsync(string kind, string scope, string json, string? user, int? expectedVersion = null, CancellationToken ct = default)
    {
        RuleBook.Validate(kind, json);
        if (scope != RuleKinds.RegionScope && (scope.Length != 4 || XinchuangFlow.Domain.Network.GuangxiDivisions.Shipped.Cities.All(c => c.Code != scope)))
            throw new InvalidDataException($"Scope '{scope}' is neither 'region' nor a Guangxi city code.");
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.RuleSets.FirstOrDefaultAsync(r => r.Kind == kind && r.Scope == scope, ct);
        if (expectedVersion is { } v && (row?.Version ?? 0) != v)
            throw new XinchuangFlow.Engine.Runtime.ConcurrencyConflictException($"The {kind} rules of {scope} are at version {row?.Version ?? 0}, not {v}; reload and edit again.");
        if (row is null)
        {
            row = new RuleSet { Kind = kind, Scope = scope, Version = 1 };
            db.RuleSets.Add(row);
        }
        else row.Version++;
        row.Json = json;
        row.UpdatedAt = clock.GetUtcNow();
        row.UpdatedBy = user;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            throw new XinchuangFlow.Engine.Runtime.ConcurrencyConflictException($"The {kind} rules of {scope} were changed at the same time; reload and edit again.", ex);
        }
        _cache.TryRemove((kind, scope), out _);
        return row;
    }

    /// <summary>
    /// Imports a shipped rule file: creates the row when missing, and replaces it when the file changed and nobody
    /// edited the stored copy since the last import. Returns true when something was written.
    /// </summary>
    public async Task<bool> ImportAsync(string kind, string json, CancellationToken ct = default)
    {
        var row = await FindAsync(kind, RuleKinds.RegionScope, ct);
        if (row is not null && (row.Json == json || row.UpdatedBy != ImportUser)) return false;
        await SaveAsync(kind, RuleKinds.RegionScope, json, ImportUser, row?.Version ?? 0, ct);
        return true;
    }

    public const string ImportUser = "import:workflows/rules";
}
