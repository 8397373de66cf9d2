using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Engine.Abstractions;

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
