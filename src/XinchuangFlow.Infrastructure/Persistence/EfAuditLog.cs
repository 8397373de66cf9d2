using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Application.Audit;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>The audit log in <c>xf_audit</c>: append-only, read newest first.</summary>
public sealed class EfAuditLog(IDbContextFactory<XfDbContext> factory) : IAuditLog
{
    public async Task RecordAsync(AuditEntry entry, CancellationToken ct = default)
    {
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
        // Small (one row per change of a handful of definitions); the newest per id is picked here, without the big columns.
        var rows = await db.Audit.AsNoTracking().Where(a => a.EntityKind == entityKind)
            .Select(a => new AuditEntry { Id = a.Id, At = a.At, User = a.User, EntityKind = a.EntityKind, EntityId = a.EntityId, Action = a.Action, Version = a.Version })
            .ToListAsync(ct);
        return rows.GroupBy(a => a.EntityId).ToDictionary(g => g.Key, g => g.MaxBy(a => a.At)!);
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
}
