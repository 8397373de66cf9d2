using System.Text.Json;
using System.Text.Json.Nodes;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>
/// EF Core implementation of the engine store. Each commit is one database transaction of batched SQL (<see cref="SqlPlan"/>):
/// guarded updates, multi-row inserts and deletes; with group commit on, concurrent callers' bursts share transactions.
/// </summary>
public sealed class EfWorkflowStore : IWorkflowStore, IAsyncDisposable
{
    private readonly IDbContextFactory<XfDbContext> factory;
    private readonly GroupCommitter? _group;
    private readonly NetworkWriteWatch? network;
    private readonly CaseWriteWatch? cases;

    /// <param name="factory">Context factory.</param>
    /// <param name="groupCommitWriters">0 writes every commit on the caller's task; more lets concurrent commits share transactions.</param>
    /// <param name="network">Told when a step writes the service network (an enterprise suspended by its assessment).</param>
    /// <param name="cases">Told, once committed, which instances' tasks or cases a commit wrote (the kept inboxes weigh them).</param>
    public EfWorkflowStore(IDbContextFactory<XfDbContext> factory, int groupCommitWriters = 0, NetworkWriteWatch? network = null, CaseWriteWatch? cases = null)
    {
        this.factory = factory;
        this.network = network;
        this.cases = cases;
        if (groupCommitWriters > 0) _group = new GroupCommitter(WriteAsync, groupCommitWriters, maxBursts: 500);
    }

    public async ValueTask DisposeAsync()
    {
        if (_group is not null) await _group.DisposeAsync();
    }

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
        // The instance with its bookmarks in one statement (every burst on a stored instance starts here).
        var hit = await db.Instances.AsNoTracking().Where(i => i.Id == id)
            .Select(i => new { Row = i, Bookmarks = db.Bookmarks.Where(b => b.InstanceId == i.Id).ToList() })
            .FirstOrDefaultAsync(ct);
        return hit is null ? null : ToModel(hit.Row, hit.Bookmarks);
    }

    public async Task<(HumanTask Task, WorkflowInstance? Instance)?> FindTaskWithInstanceAsync(Guid taskId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var hit = await (from t in db.Tasks.AsNoTracking()
                         where t.Id == taskId
                         join i in db.Instances.AsNoTracking() on t.InstanceId equals i.Id into ij
                         from i in ij.DefaultIfEmpty()
                         select new { Task = t, Row = i, Bookmarks = db.Bookmarks.Where(b => b.InstanceId == t.InstanceId).ToList() })
            .FirstOrDefaultAsync(ct);
        if (hit is null) return null;
        return (hit.Task, hit.Row is null ? null : ToModel(hit.Row, hit.Bookmarks));
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

    private static IQueryable<InstanceRow> Filter(XfDbContext db, InstanceQuery query)
    {
        var q = db.Instances.AsNoTracking();
        if (query.DefinitionId is not null) q = q.Where(i => i.DefinitionId == query.DefinitionId);
        if (query.Status is { } s) q = q.Where(i => i.Status == s);
        return q;
    }

    public async Task<int> CountInstancesAsync(InstanceQuery query, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Filter(db, query).CountAsync(ct);
    }

    public async Task<IReadOnlyList<InstanceSummary>> ListInstancesAsync(InstanceQuery query, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Filter(db, query).OrderByDescending(i => i.Id).Skip(query.Skip).Take(Math.Clamp(query.Take, 1, 1000))
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

    /// <summary>
    /// What a burst can change on an instance row. Identity, input, parentage and creation data never change, so
    /// they are not rewritten (and their indexes are not touched).
    /// </summary>
    private static readonly string[] InstanceColumns =
        [nameof(InstanceRow.DefinitionVersion), nameof(InstanceRow.Status), nameof(InstanceRow.Variables), nameof(InstanceRow.ActivityState),
         nameof(InstanceRow.Queue), nameof(InstanceRow.UpdatedAt), nameof(InstanceRow.FinishedAt), nameof(InstanceRow.Version),
         nameof(InstanceRow.LeaseUntil), nameof(InstanceRow.LeaseToken)];

    private static readonly string[] CompletedTaskColumns =
        [nameof(HumanTask.Status), nameof(HumanTask.Outcome), nameof(HumanTask.Data), nameof(HumanTask.CompletedBy), nameof(HumanTask.CompletedAt)];

    /// <summary>
    /// Writes the bursts in one transaction with batched SQL: guarded updates first (the completed task must
    /// still be open, each instance must still have the expected version), then multi-row inserts and deletes.
    /// Any failed guard rolls everything back.
    /// </summary>
    public Task CommitAsync(IReadOnlyList<BurstChanges> bursts, CancellationToken ct = default)
    {
        if (bursts.Count == 0) return Task.CompletedTask;
        return _group is null ? WriteAsync(bursts, ct) : _group.CommitAsync(bursts);
    }

    private async Task WriteAsync(IReadOnlyList<BurstChanges> bursts, CancellationToken ct)
    {
        var all = new List<BurstChanges>(bursts.Count);
        void Flatten(BurstChanges c) { all.Add(c); foreach (var child in c.Children) Flatten(child); }
        foreach (var b in bursts) Flatten(b);

        await using var db = await factory.CreateDbContextAsync(ct);
        var plan = new SqlPlan(db);
        // Rows are locked in one order (by id) so that two grouped transactions on two nodes never wait on each other.
        foreach (var c in all.Where(c => c.CompletedTask is not null).OrderBy(c => c.CompletedTask!.Id))
            if (c.CompletedTask is { } task)
                plan.UpdateGuarded(task, CompletedTaskColumns, (nameof(HumanTask.Status), HumanTaskStatus.Open), () => new TaskAlreadyCompletedException(task.Id));
        foreach (var c in all.Where(c => !c.IsNew).OrderBy(c => c.Instance.Id))
            plan.UpdateGuarded(ToRow(c.Instance), InstanceColumns, (nameof(InstanceRow.Version), c.ExpectedVersion),
                () => new ConcurrencyConflictException($"Instance {c.Instance.Id} was changed by another request or node; nothing was saved."));
        foreach (var w in all.SelectMany(c => c.Writes).Where(w => w.Kind == StagedWriteKind.Update))
            plan.UpdateGuarded(w.Entity.GetType(), w.Entity, plan.NonKeyProperties(w.Entity.GetType()), (w.GuardProperty!, w.GuardValue),
                () => new ConcurrencyConflictException($"A {w.Entity.GetType().Name} this step changes was changed by someone else; nothing was saved."));
        plan.Insert(all.Where(c => c.IsNew).Select(c => ToRow(c.Instance)).ToList());
        foreach (var group in all.SelectMany(c => c.Writes).Where(w => w.Kind == StagedWriteKind.Insert).GroupBy(w => w.Entity.GetType()))
            plan.Insert(group.Key, group.Select(w => w.Entity).ToList());
        // Every line of a case's history is also a line of the audit trail, in the same transaction (SEC-3).
        plan.Insert(all.SelectMany(c => c.Writes.Where(w => w.Kind == StagedWriteKind.Insert && w.Entity is XinchuangFlow.Domain.Tickets.CaseEvent)
            .Select(w => AuditOf((XinchuangFlow.Domain.Tickets.CaseEvent)w.Entity, c.Instance.CorrelationId, c.Origin))).ToList());
        plan.DeleteWhereIn<Bookmark>(all.SelectMany(c => c.RemovedBookmarks).Cast<object>().ToList());
        plan.DeleteWhereIn<TimerRow>(all.SelectMany(c => c.RemovedTimers).Cast<object>().ToList());
        plan.UpdateWhereIn<HumanTask>(all.SelectMany(c => c.CancelledTasks).Cast<object>().ToList(),
            [(nameof(HumanTask.Status), HumanTaskStatus.Cancelled)], (nameof(HumanTask.Status), HumanTaskStatus.Open));
        foreach (var (taskId, user) in all.SelectMany(c => c.ReassignedTasks))
            plan.UpdateWhereIn<HumanTask>([taskId], [(nameof(HumanTask.AssigneeUser), user), (nameof(HumanTask.ClaimedBy), null)], (nameof(HumanTask.Status), HumanTaskStatus.Open));
        foreach (var c in all.Where(c => c.ResolvedIncidents.Count > 0))
            plan.UpdateWhereIn<Incident>(c.ResolvedIncidents.Cast<object>().ToList(),
                [(nameof(Incident.ResolvedAt), c.Instance.UpdatedAt), (nameof(Incident.Resolution), c.Instance.Status == WorkflowStatus.Cancelled ? "cancelled" : "retried")]);
        plan.Insert(all.SelectMany(c => c.AddedBookmarks).ToList());
        plan.Insert(all.SelectMany(c => c.AddedTasks).ToList());
        plan.Insert(all.SelectMany(c => c.AddedTimers).Select(t => new TimerRow { BookmarkId = t.BookmarkId, InstanceId = t.InstanceId, DueAt = t.DueAt }).ToList());
        plan.Insert(all.SelectMany(c => c.Journal).ToList());
        plan.Insert(all.SelectMany(c => c.AddedIncidents).ToList());
        plan.Insert(all.SelectMany(c => c.Notifications).ToList());

        // Written with SQL, not a tracked save: the kept dispatch network is told before and after.
        var touchesNetwork = network is not null && all.Any(c => c.Writes.Any(w => NetworkWriteWatch.IsNetwork(w.Entity)));
        if (touchesNetwork) network!.Changed();
        await db.Database.OpenConnectionAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await plan.ExecuteAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), ct);
            await tx.CommitAsync(ct);
            if (touchesNetwork) network!.Changed();
            cases?.Tell(CaseWriteWatch.InstancesOf(all));
        }
        catch (DbException ex) when (IsDuplicateKey(ex) || IsLockConflict(ex))
        {
            await tx.RollbackAsync(CancellationToken.None);
            throw new ConcurrencyConflictException("The instance was created or changed concurrently; nothing was saved.", ex);
        }
        catch
        {
            await tx.RollbackAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>A deadlock or a serialization failure: the database chose this transaction to give way; written again, it meets the other's result.</summary>
    private static bool IsLockConflict(DbException ex) =>
        ex.SqlState is "40P01" or "40001"                                   // PostgreSQL deadlock_detected, serialization_failure
        || ex.GetType().Name == "SqlException" && ex.Message.Contains("deadlock", StringComparison.OrdinalIgnoreCase);

    private static bool IsDuplicateKey(DbException ex) =>
        ex.SqlState == "23505"                                              // PostgreSQL unique_violation
        || ex is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } // SQLITE_CONSTRAINT
        || ex.GetType().Name == "SqlException" && ex.Message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase);

    // ------------------------------------------------------------ queries

    public async Task<HumanTask?> FindTaskAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
    }

    public async Task<bool> SetClaimAsync(Guid taskId, string? expected, string? claimedBy, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Tasks.Where(t => t.Id == taskId && t.Status == HumanTaskStatus.Open && t.ClaimedBy == expected)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.ClaimedBy, claimedBy), ct) == 1;
    }

    public async Task<IReadOnlyList<HumanTask>> ListTasksAsync(TaskQuery query, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Tasks.AsNoTracking();
        if (query.Status is { } s) q = q.Where(t => t.Status == s);
        if (query.InstanceId is { } iid) q = q.Where(t => t.InstanceId == iid);
        if (query.TaskKind is { } kind) q = q.Where(t => t.TaskKind == kind);
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

    /// <summary>
    /// The single-statement claim for SQLite and PostgreSQL, built from the model's names; null elsewhere (SQL Server
    /// keeps the three-step claim, which it was tested with before it could no longer be run here).
    /// </summary>
    private static string? ClaimStatement(XfDbContext db)
    {
        var sqlite = db.Database.IsSqlite();
        if (!sqlite && !db.Database.IsNpgsql()) return null;
        return ClaimTexts.GetOrAdd(sqlite, _ =>
        {
            var helper = db.GetService<Microsoft.EntityFrameworkCore.Storage.ISqlGenerationHelper>();
            var type = db.Model.FindEntityType(typeof(TimerRow))!;
            var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
            string C(string property) => helper.DelimitIdentifier(type.FindProperty(property)!.GetColumnName(store)!);
            static string P(string name) => "@" + name;
            var table = helper.DelimitIdentifier(type.GetTableName()!, type.GetSchema());
            var free = $"{C(nameof(TimerRow.DueAt))} <= {P("now")} AND ({C(nameof(TimerRow.LockedUntil))} IS NULL OR {C(nameof(TimerRow.LockedUntil))} < {P("now")})";
            return $"UPDATE {table} SET {C(nameof(TimerRow.LockedUntil))} = {P("lease")}, {C(nameof(TimerRow.LockToken))} = {P("token")} "
                   + $"WHERE {C(nameof(TimerRow.BookmarkId))} IN (SELECT {C(nameof(TimerRow.BookmarkId))} FROM {table} WHERE {free} "
                   + $"ORDER BY {C(nameof(TimerRow.DueAt))} LIMIT {P("max")}{(sqlite ? "" : " FOR UPDATE SKIP LOCKED")}) RETURNING *";
        });
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<bool, string> ClaimTexts = new();

    private static DbParameter Limit(DbCommand command, int max)
    {
        var p = command.CreateParameter();
        p.ParameterName = "max";
        p.Value = max;
        return p;
    }

    public async Task<IReadOnlyList<TimerEntry>> ClaimDueTimersAsync(DateTimeOffset now, int max, DateTimeOffset leaseUntil, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (ClaimStatement(db) is { } sql)
        {
            // One statement picks, locks and returns a batch (SQLite: UPDATE … RETURNING under its single writer;
            // PostgreSQL: the batch's rows locked with FOR UPDATE SKIP LOCKED, so racing nodes take disjoint batches and
            // the lock condition is re-checked on each locked row).
            var type = db.Model.FindEntityType(typeof(TimerRow))!;
            await using var scratch = db.Database.GetDbConnection().CreateCommand();
            DbParameter Param(string name, string property, object? value) =>
                ((Microsoft.EntityFrameworkCore.Storage.RelationalTypeMapping)type.FindProperty(property)!.GetRelationalTypeMapping())
                .CreateParameter(scratch, name, value, nullable: true);
            var claimed = await db.Timers.FromSqlRaw(sql,
                    Param("now", nameof(TimerRow.DueAt), now), Param("lease", nameof(TimerRow.LockedUntil), leaseUntil),
                    Param("token", nameof(TimerRow.LockToken), Guid.NewGuid()), Limit(scratch, max))
                .AsNoTracking().ToListAsync(ct);
            return claimed.OrderBy(t => t.DueAt)
                .Select(t => new TimerEntry { Id = t.BookmarkId, BookmarkId = t.BookmarkId, InstanceId = t.InstanceId, DueAt = t.DueAt }).ToList();
        }
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
        return await db.Timers.AsNoTracking().Where(t => candidates.Contains(t.BookmarkId) && t.LockToken == token)
            .Select(t => new TimerEntry { Id = t.BookmarkId, BookmarkId = t.BookmarkId, InstanceId = t.InstanceId, DueAt = t.DueAt })
            .ToListAsync(ct);
    }

    private static readonly System.Text.Json.JsonSerializerOptions ReadableJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static System.Text.Json.Nodes.JsonNode? JsonOrText(string? data)
    {
        if (string.IsNullOrEmpty(data)) return null;
        try { return System.Text.Json.Nodes.JsonNode.Parse(data); }
        catch (System.Text.Json.JsonException) { return data; }
    }

    private static XinchuangFlow.Application.Audit.AuditEntry AuditOf(XinchuangFlow.Domain.Tickets.CaseEvent e, string? caseNumber, string origin) => new()
    {
        Id = Guid.CreateVersion7(), At = e.At, User = e.User, Address = origin, EntityKind = e.CaseKind, EntityId = caseNumber ?? e.CaseId.ToString(), Action = e.Kind,
        Before = e.FromStatus,
        After = new System.Text.Json.Nodes.JsonObject
        {
            ["status"] = e.ToStatus, ["note"] = e.Note, ["data"] = JsonOrText(e.Data),
        }.ToJsonString(ReadableJson),
    };

    public async Task<(int Count, DateTimeOffset? OldestDueAt)> UnclaimedOverdueTimersAsync(DateTimeOffset now, DateTimeOffset dueBefore, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Timers.AsNoTracking().Where(t => t.DueAt < dueBefore && (t.LockedUntil == null || t.LockedUntil < now));
        var count = await q.CountAsync(ct);
        return count == 0 ? (0, null) : (count, await q.OrderBy(t => t.DueAt).Select(t => (DateTimeOffset?)t.DueAt).FirstAsync(ct));
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
        return await db.Instances.AsNoTracking().Where(i => candidates.Contains(i.Id) && i.LeaseToken == token).Select(i => i.Id).ToListAsync(ct);
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
