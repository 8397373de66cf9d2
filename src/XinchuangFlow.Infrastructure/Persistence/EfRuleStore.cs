using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Application.Audit;
using XinchuangFlow.Application.Rules;
using XinchuangFlow.Domain.Rules;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>
/// Rule sets in the database: the regional default and each city's overrides (one row each, the current version),
/// with every saved version kept in the audit log (who, when, why, before and after) in the same transaction. Reads
/// are cached for a few seconds per node; a save on this node drops the cache at once.
/// </summary>
public sealed class EfRuleStore(IDbContextFactory<XfDbContext> factory, TimeProvider clock, RuleKindRegistry? kinds = null) : IRuleSource, IRuleSetStore
{
    /// <summary>The kinds this store checks documents with (the shipped ones when none were given).</summary>
    public RuleKindRegistry Kinds { get; } = kinds ?? RuleKindRegistry.Builtin;

    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(3);
    public const string AuditKind = "rule-set";
    private readonly ConcurrentDictionary<(string Kind, string Scope), (RuleSet? Set, DateTimeOffset Read)> _cache = new();
    private readonly ConcurrentDictionary<(string Kind, string Scope, int Version, int BaseVersion), string> _merged = new();

    public async Task<RuleSet> GetAsync(string kind, string? cityCode, CancellationToken ct = default)
    {
        var region = await ReadAsync(kind, RuleKinds.RegionScope, ct)
                     ?? throw new InvalidOperationException($"There are no '{kind}' rules in the database; they are imported from workflows/rules at start-up.");
        if (cityCode is not { Length: > 0 } || await ReadAsync(kind, cityCode, ct) is not { } city) return region;
        var json = _merged.GetOrAdd((kind, city.Scope, city.Version, region.Version), _ => RuleOverrides.Merge(region.Json, city.Json));
        return new RuleSet { Kind = kind, Scope = city.Scope, Version = city.Version, BaseVersion = region.Version, Json = json, UpdatedAt = city.UpdatedAt, UpdatedBy = city.UpdatedBy };
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

    /// <summary>One stored rule set (a city's: its overrides only), uncached (for editors).</summary>
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

    public async Task<IReadOnlyList<RuleVersion>> VersionsAsync(IReadOnlyCollection<string> kinds, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Audit.AsNoTracking().Where(a => a.EntityKind == AuditKind && a.After != null)
            .Select(a => new { a.EntityId, a.Version, a.At, a.After }).ToListAsync(ct);
        return rows.Select(r => (Parts: r.EntityId.Split('/', 2), r)).Where(x => x.Parts.Length == 2 && kinds.Contains(x.Parts[0]))
            .Select(x => new RuleVersion(x.Parts[0], x.Parts[1], x.r.Version ?? 0, x.r.At, x.r.After!)).ToList();
    }

    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(string kind, string scope, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var id = $"{kind}/{scope}";
        return await db.Audit.AsNoTracking().Where(a => a.EntityKind == AuditKind && a.EntityId == id).OrderByDescending(a => a.Version).ThenByDescending(a => a.At).ToListAsync(ct);
    }

    /// <summary>
    /// Saves a rule set after checking it with its kind (a city's overrides are checked merged onto the regional set; a
    /// regional set also merged with every city's overrides); the version
    /// goes up by one and the change is audited in the same transaction. <paramref name="expectedVersion"/> (when
    /// given) must match the stored one, so two editors cannot overwrite each other.
    /// </summary>
    public async Task<RuleSet> SaveAsync(string kind, string scope, string json, string? user, int? expectedVersion = null, CancellationToken ct = default,
        string? comment = null, string action = "save")
    {
        if (scope != RuleKinds.RegionScope && (scope.Length != 4 || XinchuangFlow.Domain.Network.GuangxiDivisions.Shipped.Cities.All(c => c.Code != scope)))
            throw new InvalidDataException($"Scope '{scope}' is neither 'region' nor a Guangxi city code.");
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        if (scope == RuleKinds.RegionScope)
        {
            Kinds.Ensure(kind, json, now);
            DocumentProblems.ThrowIfAny(RuleLimits.CheckLimits(RuleOverrides.Parse(json)));
            if (action != "import")
            {
                // Every city's rules follow the region where they do not override it: each must still hold — an SLA set
                // must still give every ticket a deadline (SEC-4): a regional calendar change reaches the cities that use
                // the calendar; a regional dispatch preference must not meet a city's exclusion of the same point.
                // (Not for the start-up import of a shipped file: a city's problem must not stop the node; at run time
                // a clock without a deadline is an incident that names the rules.)
                var regionDoc = RuleOverrides.Parse(json);
                foreach (var city in await db.RuleSets.AsNoTracking().Where(r => r.Kind == kind && r.Scope != RuleKinds.RegionScope).OrderBy(r => r.Scope).ToListAsync(ct))
                {
                    try { Kinds.Ensure(kind, RuleOverrides.Merge(regionDoc, RuleOverrides.Parse(city.Json)).ToJsonString(), now); }
                    catch (InvalidDataException ex)
                    {
                        throw DocumentProblems.Create([Problem.Of(RuleProblems.CityWouldBreak, null, $"With these regional rules the rules of {city.Scope} would not hold:", ("city", city.Scope)),
                            .. DocumentProblems.Of(ex)]);
                    }
                }
            }
        }
        else
        {
            var region = await db.RuleSets.AsNoTracking().FirstOrDefaultAsync(r => r.Kind == kind && r.Scope == RuleKinds.RegionScope, ct)
                         ?? throw new InvalidDataException($"There are no regional '{kind}' rules to override.");
            var regionDoc = RuleOverrides.Parse(region.Json);
            var effective = RuleOverrides.Merge(regionDoc, RuleOverrides.Parse(json));
            Kinds.Ensure(kind, effective.ToJsonString(), now);
            DocumentProblems.ThrowIfAny(RuleLimits.Check(regionDoc, effective));
        }
        var row = await db.RuleSets.FirstOrDefaultAsync(r => r.Kind == kind && r.Scope == scope, ct);
        if (expectedVersion is { } v && (row?.Version ?? 0) != v)
            throw new XinchuangFlow.Engine.Runtime.ConcurrencyConflictException($"The {kind} rules of {scope} are at version {row?.Version ?? 0}, not {v}; reload and edit again.");
        var before = row?.Json;
        if (row is null)
        {
            row = new RuleSet { Kind = kind, Scope = scope, Version = 1 };
            db.RuleSets.Add(row);
        }
        else row.Version++;
        row.Json = json;
        row.UpdatedAt = clock.GetUtcNow();
        row.UpdatedBy = user;
        db.Audit.Add(new AuditEntry
        {
            Id = Guid.CreateVersion7(), At = row.UpdatedAt, User = user, Address = XinchuangFlow.Engine.Runtime.CallOrigin.Current, EntityKind = AuditKind, EntityId = $"{kind}/{scope}", Action = action,
            Comment = comment, Version = row.Version, Before = before, After = json,
        });
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

    Task<RuleSet> IRuleSetStore.SaveAsync(string kind, string scope, string json, string? user, int? expectedVersion, string comment, string action, CancellationToken ct) =>
        SaveAsync(kind, scope, json, user, expectedVersion, ct, comment, action);

    /// <summary>
    /// Imports a shipped rule file: creates the row when missing, and replaces it when the file changed and nobody
    /// edited the stored copy since the last import. Returns true when something was written.
    /// </summary>
    public async Task<bool> ImportAsync(string kind, string json, CancellationToken ct = default)
    {
        var row = await FindAsync(kind, RuleKinds.RegionScope, ct);
        if (row is not null && (row.Json == json || row.UpdatedBy != ImportUser)) return false;
        await SaveAsync(kind, RuleKinds.RegionScope, json, ImportUser, row?.Version ?? 0, ct, "workflows/rules", "import");
        return true;
    }

    public const string ImportUser = "import:workflows/rules";
}
