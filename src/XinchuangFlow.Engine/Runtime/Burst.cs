using System.Text.Json.Nodes;

namespace XinchuangFlow.Engine.Runtime;

/// <summary>One run of an instance from a stimulus to the point where every path waits or ends.</summary>
internal sealed class Burst
{
    public Burst(WorkflowRuntime runtime, WorkflowInstance instance, CompiledDefinition definition, bool isNew, string? user)
    {
        Runtime = runtime;
        Instance = instance;
        Definition = definition;
        User = user;
        Changes = new BurstChanges(instance, isNew, instance.Version);
    }

    public WorkflowRuntime Runtime { get; }
    public WorkflowInstance Instance { get; }
    public CompiledDefinition Definition { get; }
    public string? User { get; }
    public BurstChanges Changes { get; }
    public JsonObject PendingJournalData { get; set; } = [];
    /// <summary>Child instances to run once this burst is committed.</summary>
    public List<WorkflowInstance> ChildrenToRun { get; } = [];
    /// <summary>Scratch shared by the activities of this burst (e.g. a domain row loaded once and staged once).</summary>
    public BurstItems Items { get; } = new();
    /// <summary>Sub-workflow instances to cancel with this burst's commit (their waiting parent bookmark was cancelled).</summary>
    public List<Guid> ChildrenToCancel { get; } = [];
    /// <summary>Signal bookmarks of this instance that an activity raised locally; resumed before the burst ends.</summary>
    public List<(Bookmark Bookmark, JsonNode? Payload)> LocalResumes { get; } = [];

    public DateTimeOffset Now => Runtime.Clock.GetUtcNow();

    public void Journal(JournalKind kind, string? activityId, string? activityType, string? outcome, DateTimeOffset started, JsonObject? data = null, string? user = null)
    {
        Changes.Journal.Add(new JournalEntry
        {
            InstanceId = Instance.Id,
            Kind = kind,
            ActivityId = activityId,
            ActivityType = activityType,
            Outcome = outcome,
            User = user ?? User,
            Data = data is { Count: > 0 } ? data : null,
            StartedAt = started,
            EndedAt = Now,
        });
    }

    public void SetVariable(string activityId, string name, JsonNode? value)
    {
        var old = Instance.Variables[name]?.DeepClone();
        Instance.Variables[name] = value?.DeepClone();
        var now = Now;
        Journal(JournalKind.VariableChanged, activityId, null, null, now, new JsonObject
        {
            ["name"] = name,
            ["old"] = old,
            ["new"] = value?.DeepClone(),
        });
    }

    public Bookmark CreateBookmark(string activityId, BookmarkKind kind, string key)
    {
        var b = new Bookmark
        {
            Id = Guid.CreateVersion7(),
            InstanceId = Instance.Id,
            ActivityId = activityId,
            Kind = kind,
            Key = key,
            CreatedAt = Now,
        };
        Instance.Bookmarks.Add(b);
        Changes.AddedBookmarks.Add(b);
        return b;
    }

    /// <summary>Adds a domain row to this burst's commit.</summary>
    public void Stage(StagedWrite write) => Changes.Writes.Add(write);

    /// <summary>Queues the resumption of this instance's bookmarks waiting on <paramref name="signal"/>; returns how many.</summary>
    public int RaiseLocalSignal(string signal, JsonNode? payload)
    {
        var waiting = Instance.Bookmarks.Where(b => b.Kind == BookmarkKind.Signal && b.Key == signal && !LocalResumes.Any(r => r.Bookmark.Id == b.Id)).ToList();
        foreach (var b in waiting) LocalResumes.Add((b, payload?.DeepClone()));
        return waiting.Count;
    }

    /// <summary>Removes a bookmark; with <paramref name="cancel"/>, its task is cancelled too.</summary>
    public void RemoveBookmark(Bookmark b, bool cancel)
    {
        Instance.Bookmarks.Remove(b);
        // A bookmark added and removed in the same burst never reaches the database.
        if (!Changes.AddedBookmarks.Remove(b))
            Changes.RemovedBookmarks.Add(b.Id);
        else
        {
            Changes.AddedTimers.RemoveAll(t => t.BookmarkId == b.Id);
            if (b.Kind == BookmarkKind.Task) Changes.AddedTasks.RemoveAll(t => t.BookmarkId == b.Id);
            return;
        }
        if (b.Kind == BookmarkKind.Timer) Changes.RemovedTimers.Add(b.Id);
        if (cancel && b.Kind == BookmarkKind.Task && Guid.TryParse(b.Key, out var taskId)) Changes.CancelledTasks.Add(taskId);
        if (cancel && b.Kind == BookmarkKind.SubWorkflow && Guid.TryParse(b.Key, out var childId)) ChildrenToCancel.Add(childId);
    }
}
