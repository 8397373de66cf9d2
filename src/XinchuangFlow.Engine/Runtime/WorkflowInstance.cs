using System.Text.Json.Nodes;

namespace XinchuangFlow.Engine.Runtime;

/// <summary>The full state of a workflow instance, loaded and saved as one aggregate.</summary>
public sealed class WorkflowInstance
{
    public Guid Id { get; set; }
    public string DefinitionId { get; set; } = "";
    public int DefinitionVersion { get; set; }
    public WorkflowStatus Status { get; set; }
    public string? CorrelationId { get; set; }
    public JsonObject Input { get; set; } = [];
    public JsonObject Variables { get; set; } = [];
    /// <summary>Per-activity private state (join arrivals, retry counters …), keyed by activity id.</summary>
    public JsonObject ActivityState { get; set; } = [];
    /// <summary>Work not yet executed. Empty unless the instance is Running or Faulted.</summary>
    public List<WorkItem> Queue { get; set; } = [];
    /// <summary>Bookmarks the instance waits on.</summary>
    public List<Bookmark> Bookmarks { get; set; } = [];
    public Guid? ParentInstanceId { get; set; }
    public Guid? ParentBookmarkId { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Optimistic concurrency token: incremented by every commit.</summary>
    public int Version { get; set; }
    /// <summary>Until when a node that took the instance to run it may keep it (crash recovery).</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
}
