using System.Text.Json.Nodes;

namespace XinchuangFlow.Engine.Runtime;

/// <summary>One line of an instance's journal.</summary>
public sealed class JournalEntry
{
    public Guid InstanceId { get; set; }
    public JournalKind Kind { get; set; }
    public string? ActivityId { get; set; }
    public string? ActivityType { get; set; }
    public string? Outcome { get; set; }
    public string? User { get; set; }
    /// <summary>Extra detail: variable name/old/new, task data, incident message.</summary>
    public JsonObject? Data { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset EndedAt { get; set; }
    /// <summary>Order within the instance (assigned by the store).</summary>
    public long Sequence { get; set; }
}
