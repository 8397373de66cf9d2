namespace XinchuangFlow.Engine.Runtime;

/// <summary>A point where an instance waits for a stimulus.</summary>
public sealed class Bookmark
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string ActivityId { get; set; } = "";
    public BookmarkKind Kind { get; set; }
    /// <summary>Signal name, task id or child instance id, as text.</summary>
    public string Key { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
