using System.Text.Json.Nodes;

namespace XinchuangFlow.Engine.Runtime;

/// <summary>Lifecycle of a workflow instance.</summary>
public enum WorkflowStatus
{
    /// <summary>Has work queued that no burst has finished yet (accepted but not run, or interrupted by a crash).</summary>
    Running = 0,
    /// <summary>Every path waits on a bookmark.</summary>
    Waiting = 1,
    /// <summary>All paths ended.</summary>
    Finished = 2,
    /// <summary>An activity failed; an open incident says why. Retry or cancel.</summary>
    Faulted = 3,
    /// <summary>Cancelled by a user or by the API.</summary>
    Cancelled = 4,
}

/// <summary>What a bookmark waits for.</summary>
public enum BookmarkKind { Task = 0, Timer = 1, Signal = 2, SubWorkflow = 3 }

/// <summary>An item of scheduled work: run <see cref="ActivityId"/>, reached from <see cref="FromActivityId"/>.</summary>
public sealed record WorkItem(string ActivityId, string? FromActivityId = null);

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

/// <summary>Status of a human task.</summary>
public enum HumanTaskStatus { Open = 0, Completed = 1, Cancelled = 2 }

/// <summary>A human task created by a UserTask activity.</summary>
public sealed class HumanTask
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public Guid BookmarkId { get; set; }
    public string ActivityId { get; set; } = "";
    public string DefinitionId { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public string? AssigneeUser { get; set; }
    public string? AssigneeRole { get; set; }
    public string? ClaimedBy { get; set; }
    public HumanTaskStatus Status { get; set; }
    /// <summary>The outcomes offered: a stable key (the port, what callers send) and display names.</summary>
    public List<TaskOutcome> Outcomes { get; set; } = [];
    public List<FormField> Form { get; set; } = [];
    public string? Outcome { get; set; }
    public JsonObject? Data { get; set; }
    public string? CompletedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>True when the task offers the outcome with this key.</summary>
    public bool HasOutcome(string key) => Outcomes.Any(o => string.Equals(o.Key, key, StringComparison.Ordinal));
}

/// <summary>
/// An outcome of a human task. <see cref="Key"/> is stable (the port of the connection and what callers complete the task
/// with); <see cref="Name"/> is what people read and may be renamed freely. A plain string in older definitions is both.
/// </summary>
public sealed record TaskOutcome(string Key, string Name, string? NameEn = null)
{
    /// <summary>The name for a UI culture (English when asked and present, else Chinese).</summary>
    public string DisplayName(bool english) => english && !string.IsNullOrEmpty(NameEn) ? NameEn! : Name;
}

/// <summary>A field of a task form.</summary>
public sealed class FormField
{
    public string Name { get; set; } = "";
    public string? Label { get; set; }
    /// <summary>text, textarea, number, boolean, date, datetime, select.</summary>
    public string Type { get; set; } = "text";
    public bool Required { get; set; }
    public List<string>? Options { get; set; }
    public int? MaxLength { get; set; }
}

/// <summary>A durable timer row: when <see cref="DueAt"/> passes, the bookmark is resumed.</summary>
public sealed class TimerEntry
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public Guid BookmarkId { get; set; }
    public DateTimeOffset DueAt { get; set; }
}

/// <summary>Kinds of journal entries.</summary>
public enum JournalKind { InstanceStarted, ActivityExecuted, ActivityWaiting, ActivityResumed, VariableChanged, TaskCompleted, Incident, InstanceFinished, InstanceCancelled, InstanceMigrated, Retried, Amended, ChildCancelled, TaskWithdrawn, SignalKept }

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

/// <summary>A failure recorded on an instance.</summary>
public sealed class Incident
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string ActivityId { get; set; } = "";
    public string ActivityType { get; set; } = "";
    public string Message { get; set; } = "";
    public string? ExceptionType { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? Resolution { get; set; }
}

/// <summary>A notification recorded by SendNotification; delivery adapters pick it up.</summary>
public sealed class Notification
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string ActivityId { get; set; } = "";
    public string? ToUser { get; set; }
    public string? ToRole { get; set; }
    public string Channel { get; set; } = "inbox";
    public string Subject { get; set; } = "";
    public string? Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}
