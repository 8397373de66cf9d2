using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Engine.Abstractions;

/// <summary>Lifecycle of a definition version.</summary>
public enum DefinitionStatus { Draft = 0, Published = 1, Retired = 2 }

/// <summary>A stored definition version.</summary>
public sealed class DefinitionRecord
{
    public Guid Id { get; set; }
    public string DefinitionId { get; set; } = "";
    public int Version { get; set; }
    public DefinitionStatus Status { get; set; }
    public string Name { get; set; } = "";
    public string Json { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public string? Source { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
}

/// <summary>Filter for task queries.</summary>
public sealed record TaskQuery(
    string? AssigneeUser = null,
    IReadOnlyCollection<string>? Roles = null,
    Guid? InstanceId = null,
    HumanTaskStatus? Status = null,
    int Skip = 0,
    int Take = 100);

/// <summary>Filter for instance queries.</summary>
public sealed record InstanceQuery(string? DefinitionId = null, WorkflowStatus? Status = null, int Skip = 0, int Take = 100);

/// <summary>A compact row for instance lists.</summary>
public sealed record InstanceSummary(Guid Id, string DefinitionId, int DefinitionVersion, WorkflowStatus Status,
    string? CorrelationId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt);

/// <summary>Stored definition versions.</summary>
public interface IDefinitionStore
{
    Task<DefinitionRecord?> FindDefinitionAsync(string definitionId, int version, CancellationToken ct = default);
    Task<DefinitionRecord?> FindLatestAsync(string definitionId, CancellationToken ct = default);
    Task<DefinitionRecord?> FindLatestPublishedAsync(string definitionId, CancellationToken ct = default);
    Task<IReadOnlyList<DefinitionRecord>> ListDefinitionVersionsAsync(string? definitionId, CancellationToken ct = default);
    /// <summary>Inserts a new version row, or updates an existing draft row (same Id).</summary>
    Task SaveDefinitionAsync(DefinitionRecord record, CancellationToken ct = default);
    /// <summary>Publishes one version and retires the previously published ones, in one transaction.</summary>
    Task PublishAsync(Guid recordId, DateTimeOffset now, CancellationToken ct = default);
    Task SetDefinitionStatusAsync(Guid recordId, DefinitionStatus status, DateTimeOffset now, CancellationToken ct = default);
}

/// <summary>
/// Instances and what hangs off them (bookmarks, journal, incidents, notifications), written by bursts.
/// Implementations must make <see cref="CommitAsync"/> one transaction.
/// </summary>
public interface IInstanceStore
{
    Task<WorkflowInstance?> LoadInstanceAsync(Guid id, CancellationToken ct = default);
    Task<IReadOnlyList<WorkflowInstance>> LoadInstancesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default);
    Task<IReadOnlyList<InstanceSummary>> ListInstancesAsync(InstanceQuery query, CancellationToken ct = default);
    /// <summary>How many instances match (Skip and Take are ignored).</summary>
    Task<int> CountInstancesAsync(InstanceQuery query, CancellationToken ct = default);

    /// <summary>
    /// Writes the bursts in one transaction. Throws <see cref="ConcurrencyConflictException"/> when an instance's
    /// stored version differs from <see cref="BurstChanges.ExpectedVersion"/>, and
    /// <see cref="TaskAlreadyCompletedException"/> when the completed task is no longer open.
    /// </summary>
    Task CommitAsync(IReadOnlyList<BurstChanges> bursts, CancellationToken ct = default);

    Task<IReadOnlyList<JournalEntry>> GetJournalAsync(Guid instanceId, CancellationToken ct = default);
    Task<IReadOnlyList<Incident>> GetIncidentsAsync(Guid instanceId, CancellationToken ct = default);
    Task<IReadOnlyList<Notification>> GetNotificationsAsync(Guid instanceId, CancellationToken ct = default);

    /// <summary>Bookmarks waiting for a named signal, optionally of one instance.</summary>
    Task<IReadOnlyList<Bookmark>> FindSignalBookmarksAsync(string signal, Guid? instanceId, CancellationToken ct = default);

    /// <summary>
    /// Claims instances left in <see cref="WorkflowStatus.Running"/> whose lease expired (a crashed node), and
    /// child instances finished while their parent still waits.
    /// </summary>
    Task<IReadOnlyList<Guid>> ClaimInterruptedAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken ct = default);

    /// <summary>Finished or faulted sub-workflow children whose parent bookmark still exists.</summary>
    Task<IReadOnlyList<(Guid Child, Guid Parent, Guid Bookmark)>> FindOrphanedChildCompletionsAsync(int max, CancellationToken ct = default);
}

/// <summary>Human tasks (written by bursts, read by inboxes).</summary>
public interface ITaskStore
{
    Task<HumanTask?> FindTaskAsync(Guid id, CancellationToken ct = default);
    Task<IReadOnlyList<HumanTask>> ListTasksAsync(TaskQuery query, CancellationToken ct = default);

    /// <summary>
    /// Sets who holds an open task (null releases it) when it is still open and held by <paramref name="expected"/>
    /// (compare-and-set, so two people claiming at once cannot both win). Returns false when the row did not match.
    /// </summary>
    Task<bool> SetClaimAsync(Guid taskId, string? expected, string? claimedBy, CancellationToken ct = default);
}

/// <summary>Durable timers (written by bursts, claimed by the sweep).</summary>
public interface ITimerStore
{
    /// <summary>
    /// Atomically claims up to <paramref name="max"/> due timers not claimed by anyone else (or whose claim
    /// expired) for <paramref name="leaseUntil"/>. A claimed timer is deleted by the burst that fires it.
    /// </summary>
    Task<IReadOnlyList<TimerEntry>> ClaimDueTimersAsync(DateTimeOffset now, int max, DateTimeOffset leaseUntil, CancellationToken ct = default);

    /// <summary>Timers due before <paramref name="dueBefore"/> that no node holds a claim on at <paramref name="now"/>: the backlog nobody is working.</summary>
    Task<(int Count, DateTimeOffset? OldestDueAt)> UnclaimedOverdueTimersAsync(DateTimeOffset now, DateTimeOffset dueBefore, CancellationToken ct = default);
}

/// <summary>Everything the runtime persists, by role; a store implements all four.</summary>
public interface IWorkflowStore : IDefinitionStore, IInstanceStore, ITaskStore, ITimerStore;
