using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Engine.Abstractions;

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
