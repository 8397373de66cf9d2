namespace XinchuangFlow.Engine.Runtime;

/// <summary>
/// What an activity (<see cref="ActivityContext"/>) and an amendment (<see cref="InstanceAmendment"/>) share: the burst's
/// instance, time, user and scratch, and the domain rows written with the burst's own transaction. Code that changes a
/// case the same way from a step and from an amendment is written once against this.
/// </summary>
public interface IBurstWork
{
    WorkflowInstance Instance { get; }
    DateTimeOffset Now { get; }
    /// <summary>Who caused the burst (the user completing a task, the amending user; null for the engine itself).</summary>
    string? User { get; }
    BurstItems Items { get; }
    /// <summary>Cancelled when the caller of the burst gives up (a request aborted, the host stopping); nothing is committed then.</summary>
    CancellationToken Cancellation { get; }
    /// <summary>Inserts a domain row with the burst's commit.</summary>
    void StageInsert(object entity);
    /// <summary>
    /// Updates a domain row with the burst's commit, only while <paramref name="guardProperty"/> still holds
    /// <paramref name="expectedValue"/>; otherwise the whole burst is a concurrency conflict and runs again.
    /// </summary>
    void StageUpdate(object entity, string guardProperty, object? expectedValue);
}
