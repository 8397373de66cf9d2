namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>A durable timer; keyed by its bookmark so removing the bookmark's timer needs no lookup.</summary>
public sealed class TimerRow
{
    public Guid BookmarkId { get; set; }
    public Guid InstanceId { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public Guid? LockToken { get; set; }
}
