namespace XinchuangFlow.Engine.Runtime;

/// <summary>A durable timer row: when <see cref="DueAt"/> passes, the bookmark is resumed.</summary>
public sealed class TimerEntry
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public Guid BookmarkId { get; set; }
    public DateTimeOffset DueAt { get; set; }
}
