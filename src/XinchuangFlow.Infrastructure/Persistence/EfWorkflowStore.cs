using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>EF Core implementation of the engine store; each commit is one SaveChanges, hence one transaction.</summary>
public sealed class EfWorkflowStore(IDbContextFactory<XfDbContext> factory) : IWorkflowStore
{
    // ------------------------------------------------------------ definitions

    public async Task<DefinitionRecord?> FindDefinitionAsync(string definitionId, int version, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Definitions.AsNoTracking().FirstOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == version, ct);
    }

    public async Task<DefinitionRecord?> FindLatestAsync(string definitionId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Definitions.AsNoTracking().Where(d => d.DefinitionId == definitionId).OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);
    }

    public async Task<DefinitionRecord?> FindLatestPublishedAsync(string definitionId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Definitions.AsNoTracking()
            .Where(d => d.DefinitionId == definitionId && d.Status == DefinitionStatus.Published)
            .OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<DefinitionRecord>> ListDefinitionVersionsAsync(string? definitionId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Definitions.AsNoTracking();
        if (definitionId is not null) q = q.Where(d => d.DefinitionId == definitionId);
        return await q.OrderBy(d => d.DefinitionId).ThenBy(d => d.Version).ToListAsync(ct);
    }

    public async Task SaveDefinitionAsync(DefinitionRecord record, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var exists = await db.Definitions.AnyAsync(d => d.Id == record.Id, ct);
        if (exists) db.Definitions.Update(record);
        else db.Definitions.Add(record);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (!exists)
        {
            throw new ConcurrencyConflictException($"Version {record.Version} of '{record.DefinitionId}' was saved by someone else at the same time; save again.", ex);
        }
    }

    public async Task PublishAsync(Guid recordId, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var record = await db.Definitions.FirstAsync(d => d.Id == recordId, ct);
        foreach (var older in await db.Definitions.Where(d => d.DefinitionId == record.DefinitionId && d.Status == DefinitionStatus.Published).ToListAsync(ct))
        {
            older.Status = DefinitionStatus.Retired;
            older.RetiredAt = now;
        }
        record.Status = DefinitionStatus.Published;
        record.PublishedAt = now;
        await db.SaveChangesAsync(ct);
    }

    public async Task SetDefinitionStatusAsync(Guid recordId, DefinitionStatus status, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var record = await db.Definitions.FirstAsync(d => d.Id == recordId, ct);
        record.Status = status;
        if (status == DefinitionStatus.Retired) record.RetiredAt = now;
        await db.SaveChangesAsync(ct);
    }

    // ------------------------------------------------------------ instances

    public async Task<WorkflowInstance?> LoadInstanceAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (row is null) return null;
        var bookmarks = await db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == id).ToListAsync(ct);
        return ToModel(row, bookmarks);
    }

    public async Task<IReadOnlyList<WorkflowInstance>> LoadInstancesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var idList = ids.ToList();
        var rows = await db.Instances.AsNoTracking().Where(i => idList.Contains(i.Id)).ToListAsync(ct);
        var bookmarks = (await db.Bookmarks.AsNoTracking().Where(b => idList.Contains(b.InstanceId)).ToListAsync(ct)).ToLookup(b => b.InstanceId);
        return rows.Select(r => ToModel(r, bookmarks[r.Id].ToList())).ToList();
    }

    public async Task<IReadOnlyList<InstanceSummary>> ListInstancesAsync(InstanceQuery query, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Instances.AsNoTracking();
        if (query.DefinitionId is not null) q = q.Where(i => i.DefinitionId == query.DefinitionId);
        if (query.Status is { } s) q = q.Where(i => i.Status == s);
        return await q.OrderByDescending(i => i.Id).Skip(query.Skip).Take(Math.Clamp(query.Take, 1, 1000))
            .Select(i => new InstanceSummary(i.Id, i.DefinitionId, i.DefinitionVersion, i.Status, i.CorrelationId, i.CreatedAt, i.UpdatedAt, i.FinishedAt))
            .ToListAsync(ct);
    }

    private static WorkflowInstance ToModel(InstanceRow r, List<Bookmark> bookmarks) => new()
    {
        Id = r.Id,
        DefinitionId = r.DefinitionId,
        DefinitionVersion = r.DefinitionVersion,
        Status = r.Status,
        CorrelationId = r.CorrelationId,
        Input = JsonNode.Parse(r.Input) as JsonObject ?? [],
        Variables = JsonNode.Parse(r.Variables) as JsonObject ?? [],
        ActivityState = JsonNode.Parse(r.ActivityState) as JsonObject ?? [],
        Queue = JsonSerializer.Deserialize<List<WorkItem>>(r.Queue, DefinitionJson.Compact) ?? [],
        Bookmarks = bookmarks,
        ParentInstanceId = r.ParentInstanceId,
        ParentBookmarkId = r.ParentBookmarkId,
        CreatedBy = r.CreatedBy,
        CreatedAt = r.CreatedAt,
        UpdatedAt = r.UpdatedAt,
        FinishedAt = r.FinishedAt,
        Version = r.Version,
        LeaseUntil = r.LeaseUntil,
    };

    private static InstanceRow ToRow(WorkflowInstance i) => new()
    {
        Id = i.Id,
        DefinitionId = i.DefinitionId,
        DefinitionVersion = i.DefinitionVersion,
        Status = i.Status,
        CorrelationId = i.CorrelationId,
        Input = i.Input.ToJsonString(DefinitionJson.Compact),
        Variables = i.Variables.ToJsonString(DefinitionJson.Compact),
        ActivityState = i.ActivityState.ToJsonString(DefinitionJson.Compact),
        Queue = JsonSerializer.Serialize(i.Queue, DefinitionJson.Compact),
        ParentInstanceId = i.ParentInstanceId,
        ParentBookmarkId = i.ParentBookmarkId,
        CreatedBy = i.CreatedBy,
        CreatedAt = i.CreatedAt,
        UpdatedAt = i.UpdatedAt,
        FinishedAt = i.FinishedAt,
        Version = i.Version,
        LeaseUntil = i.LeaseUntil,
    };

    // ------------------------------------------------------------ the burst commit

    public async Task CommitAsync(IReadOnlyList<BurstChanges> bursts, CancellationToken ct = default)
    {
        if (bursts.Count == 0) return;
        await using var db = await factory.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var completedTasks = new HashSet<Guid>();
        foreach (var burst in bursts) Stage(db, burst, completedTasks);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            var task = ex.Entries.Select(e => e.Entity).OfType<HumanTask>().FirstOrDefault(t => completedTasks.Contains(t.Id));
            if (task is not null) throw new TaskAlreadyCompletedException(task.Id);
            throw new ConcurrencyConflictException("The instance was changed by another request or node; nothing was saved.", ex);
        }
    }

    private static void Stage(XfDbContext db, BurstChanges c, HashSet<Guid> completedTasks)
    {
        var row = ToRow(c.Instance);
        if (c.IsNew) db.Instances.Add(row);
        else
        {
            var entry = db.Instances.Attach(row);
            entry.State = EntityState.Modified;
            entry.Property(x => x.Version).OriginalValue = c.ExpectedVersion;
        }
        foreach (var b in c.AddedBookmarks) db.Bookmarks.Add(b);
        foreach (var id in c.RemovedBookmarks) db.Bookmarks.Remove(new Bookmark { Id = id });
        foreach (var t in c.AddedTasks) db.Tasks.Add(t);
        if (c.CompletedTask is { } done)
        {
            completedTasks.Add(done.Id);
            var e = db.Tasks.Attach(done);
            e.State = EntityState.Modified;
            e.Property(x => x.Status).OriginalValue = HumanTaskStatus.Open;
        }
        foreach (var id in c.CancelledTasks)
        {
            var stub = new HumanTask { Id = id, Status = HumanTaskStatus.Open };
            var e = db.Tasks.Attach(stub);
            stub.Status = HumanTaskStatus.Cancelled;
            e.Property(x => x.Status).IsModified = true;
        }
        foreach (var t in c.AddedTimers)
            db.Timers.Add(new TimerRow { BookmarkId = t.BookmarkId, InstanceId = t.InstanceId, DueAt = t.DueAt });
        foreach (var bookmarkId in c.RemovedTimers) db.Timers.Remove(new TimerRow { BookmarkId = bookmarkId });
        foreach (var j in c.Journal) db.Journal.Add(j);
        foreach (var i in c.AddedIncidents) db.Incidents.Add(i);
        foreach (var id in c.ResolvedIncidents)
        {
            var stub = new Incident { Id = id };
            var e = db.Incidents.Attach(stub);
            stub.ResolvedAt = c.Instance.UpdatedAt;
            stub.Resolution = c.Instance.Status == WorkflowStatus.Cancelled ? "cancelled" : "retried";
            e.Property(x => x.ResolvedAt).IsModified = true;
            e.Property(x => x.Resolution).IsModified = true;
        }
        foreach (var n in c.Notifications) db.Notifications.Add(n);
        foreach (var child in c.Children) Stage(db, child, completedTasks);
    }

    // ------------------------------------------------------------ queries

    public async Task<HumanTask?> FindTaskAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
    }

    public async Task<IReadOnlyList<HumanTask>> ListTasksAsync(TaskQuery query, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Tasks.AsNoTracking();
        if (query.Status is { } s) q = q.Where(t => t.Status == s);
        if (query.InstanceId is { } iid) q = q.Where(t => t.InstanceId == iid);
        var roles = query.Roles?.ToList();
        if (query.AssigneeUser is { } user && roles is { Count: > 0 })
            q = q.Where(t => t.AssigneeUser == user || (t.AssigneeRole != null && roles.Contains(t.AssigneeRole)));
        else if (query.AssigneeUser is { } u) q = q.Where(t => t.AssigneeUser == u);
        else if (roles is { Count: > 0 }) q = q.Where(t => t.AssigneeRole != null && roles.Contains(t.AssigneeRole));
        return await q.OrderBy(t => t.Id).Skip(query.Skip).Take(Math.Clamp(query.Take, 1, 1000)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<JournalEntry>> GetJournalAsync(Guid instanceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Sequence).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Incident>> GetIncidentsAsync(Guid instanceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Incidents.AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Id).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Notification>> GetNotificationsAsync(Guid instanceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Notifications.AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Id).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Bookmark>> FindSignalBookmarksAsync(string signal, Guid? instanceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Bookmarks.AsNoTracking().Where(b => b.Kind == BookmarkKind.Signal && b.Key == signal);
        if (instanceId is { } id) q = q.Where(b => b.InstanceId == id);
        return await q.OrderBy(b => b.Id).Take(10_000).ToListAsync(ct);
    }

    // ------------------------------------------------------------ claims

    public async Task<IReadOnlyList<TimerEntry>> ClaimDueTimersAsync(DateTimeOffset now, int max, DateTimeOffset leaseUntil, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var candidates = await db.Timers.AsNoTracking()
            .Where(t => t.DueAt <= now && (t.LockedUntil == null || t.LockedUntil < now))
            .OrderBy(t => t.DueAt).Take(max).Select(t => t.BookmarkId).ToListAsync(ct);
        if (candidates.Count == 0) return [];
        var token = Guid.NewGuid();
        // The free-lock condition is repeated in the update, so when two nodes race for a row only one update
        // matches it (PostgreSQL re-checks the condition on the locked row; SQLite serialises writers).
        await db.Timers
            .Where(t => candidates.Contains(t.BookmarkId) && (t.LockedUntil == null || t.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LockedUntil, leaseUntil).SetProperty(t => t.LockToken, token), ct);
        return await db.Timers.AsNoTracking().Where(t => t.LockToken == token)
            .Select(t => new TimerEntry { Id = t.BookmarkId, BookmarkId = t.BookmarkId, InstanceId = t.InstanceId, DueAt = t.DueAt })
            .ToListAsync(ct);
    }

    public async Task<DateTimeOffset?> NextTimerDueAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Timers.AsNoTracking().OrderBy(t => t.DueAt).Select(t => (DateTimeOffset?)t.DueAt).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<Guid>> ClaimInterruptedAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var candidates = await db.Instances.AsNoTracking()
            .Where(i => i.Status == WorkflowStatus.Running && (i.LeaseUntil == null || i.LeaseUntil <= now))
            .OrderBy(i => i.Id).Take(max).Select(i => i.Id).ToListAsync(ct);
        if (candidates.Count == 0) return [];
        var token = Guid.NewGuid();
        await db.Instances
            .Where(i => candidates.Contains(i.Id) && i.Status == WorkflowStatus.Running && (i.LeaseUntil == null || i.LeaseUntil <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.LeaseUntil, leaseUntil).SetProperty(i => i.LeaseToken, token), ct);
        return await db.Instances.AsNoTracking().Where(i => i.LeaseToken == token).Select(i => i.Id).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<(Guid Child, Guid Parent, Guid Bookmark)>> FindOrphanedChildCompletionsAsync(int max, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await (from c in db.Instances.AsNoTracking()
                          where c.Status == WorkflowStatus.Finished && c.ParentBookmarkId != null
                          join b in db.Bookmarks.AsNoTracking() on c.ParentBookmarkId equals b.Id
                          orderby c.Id
                          select new { Child = c.Id, Parent = b.InstanceId, Bookmark = b.Id }).Take(max).ToListAsync(ct);
        return rows.Select(r => (r.Child, r.Parent, r.Bookmark)).ToList();
    }
}
