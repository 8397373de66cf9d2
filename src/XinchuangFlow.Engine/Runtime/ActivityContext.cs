using System.Text.Json.Nodes;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Definitions;

namespace XinchuangFlow.Engine.Runtime;

/// <summary>What an activity sees while it runs: its inputs, the instance's variables, and ways to wait.</summary>
public sealed class ActivityContext : IBurstWork
{
    private readonly Burst _burst;

    internal ActivityContext(Burst burst, ActivityModel activity, ActivityDescriptor descriptor, string? fromActivityId, CancellationToken cancellation)
    {
        Cancellation = cancellation;
        _burst = burst;
        Activity = activity;
        Descriptor = descriptor;
        FromActivityId = fromActivityId;
    }

    public ActivityModel Activity { get; }
    public ActivityDescriptor Descriptor { get; }
    /// <summary>The activity whose outcome led here (joins count arrivals by it).</summary>
    public string? FromActivityId { get; }
    public WorkflowInstance Instance => _burst.Instance;
    public CompiledDefinition Definition => _burst.Definition;
    public DateTimeOffset Now => _burst.Runtime.Clock.GetUtcNow();
    /// <summary>The user whose action caused this burst, if any.</summary>
    public string? User => _burst.User;

    /// <summary>
    /// The value of an input: the literal, the evaluated expression, or the descriptor default.
    /// An expression error becomes an <see cref="ActivityInputException"/> naming the input.
    /// </summary>
    public JsonNode? GetInput(string name, JsonNode? last = null)
    {
        if (!Activity.Inputs.TryGetValue(name, out var raw) || raw is null)
            return Descriptor.FindInput(name)?.Default?.DeepClone();
        if (!DefinitionJson.TryGetExpression(raw, out var expression))
            return raw.DeepClone();
        try
        {
            return EvaluateExpression(expression, last);
        }
        catch (ExpressionException ex)
        {
            throw new ActivityInputException(Activity.Id, name, ex.Message, ex);
        }
    }

    /// <summary>Evaluates an expression in this activity's scope (throws <see cref="ExpressionException"/>).</summary>
    public JsonNode? EvaluateExpression(string expression, JsonNode? last = null) =>
        _burst.Runtime.Expressions.Evaluate(expression, new ExpressionScope(Instance.Variables, Instance.Input, Instance.Id, Activity.Id, Now, last));

    public string? GetString(string name)
    {
        var v = GetInput(name);
        return v switch
        {
            null => null,
            JsonValue jv when jv.TryGetValue<string>(out var s) => s,
            _ => v.ToJsonString(),
        };
    }

    public bool GetBool(string name)
    {
        var v = GetInput(name);
        return v switch
        {
            null => false,
            JsonValue jv when jv.TryGetValue<bool>(out var b) => b,
            JsonValue jv when jv.TryGetValue<double>(out var d) => d != 0,
            JsonValue jv when jv.TryGetValue<string>(out var s) => s.Length > 0 && !string.Equals(s, "false", StringComparison.OrdinalIgnoreCase),
            _ => true,
        };
    }

    /// <summary>A number, or null when the input is empty or not a number.</summary>
    public double? GetNumber(string name)
    {
        var v = GetInput(name);
        return v is JsonValue jv && jv.TryGetValue<double>(out var d) && double.IsFinite(d) ? d : null;
    }

    /// <summary>A duration from ISO 8601 (<c>PT4H</c>), <c>hh:mm:ss</c>, or a number of seconds.</summary>
    public TimeSpan? GetDuration(string name)
    {
        var v = GetInput(name);
        if (v is null) return null;
        return Durations.Parse(v) ?? throw new ActivityInputException(Activity.Id, name, $"'{v.ToJsonString()}' is not a duration (use PT4H, 04:00:00 or seconds).");
    }

    public DateTimeOffset? GetDateTime(string name)
    {
        var v = GetInput(name);
        if (v is null) return null;
        if (v is JsonValue jv && jv.TryGetValue<string>(out var s) && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var dt))
            return dt;
        throw new ActivityInputException(Activity.Id, name, $"'{v.ToJsonString()}' is not a date-time (use ISO 8601).");
    }

    /// <summary>Sets a variable and journals the change.</summary>
    public void SetVariable(string name, JsonNode? value) => _burst.SetVariable(Activity.Id, name, value);

    /// <summary>Private state of this activity in this instance.</summary>
    public JsonNode? State
    {
        get => Instance.ActivityState[Activity.Id];
        set => Instance.ActivityState[Activity.Id] = value;
    }

    /// <summary>Creates a bookmark for this activity.</summary>
    public Bookmark CreateBookmark(BookmarkKind kind, string key) => _burst.CreateBookmark(Activity.Id, kind, key);

    /// <summary>Waits until <paramref name="dueAt"/> using a durable timer row.</summary>
    public Bookmark CreateTimer(DateTimeOffset dueAt)
    {
        var bookmark = CreateBookmark(BookmarkKind.Timer, dueAt.ToString("O"));
        _burst.Changes.AddedTimers.Add(new TimerEntry { Id = Guid.CreateVersion7(), InstanceId = Instance.Id, BookmarkId = bookmark.Id, DueAt = dueAt });
        return bookmark;
    }

    /// <summary>Waits until <paramref name="dueAt"/> on a timer bookmark with a key of the activity's choosing.</summary>
    public Bookmark CreateTimer(DateTimeOffset dueAt, string key)
    {
        var bookmark = CreateBookmark(BookmarkKind.Timer, key);
        _burst.Changes.AddedTimers.Add(new TimerEntry { Id = Guid.CreateVersion7(), InstanceId = Instance.Id, BookmarkId = bookmark.Id, DueAt = dueAt });
        return bookmark;
    }

    /// <summary>Removes this instance's bookmarks that match; with <paramref name="cancel"/> their tasks and sub-workflows are cancelled.</summary>
    public int RemoveWaits(Func<Bookmark, bool> match, bool cancel)
    {
        var found = Instance.Bookmarks.Where(match).ToList();
        foreach (var b in found) _burst.RemoveBookmark(b, cancel);
        return found.Count;
    }

    /// <summary>Removes queued work for the activity with this id (e.g. later arrivals at a join that has fired).</summary>
    public int DropQueued(string activityId) => Instance.Queue.RemoveAll(w => w.ActivityId == activityId);

    /// <summary>
    /// Takes a stored signal of this name sent before the instance waited for it (a persistent signal); expired ones are
    /// dropped. Returns null when none is kept. The taking is committed with the burst, so a signal is consumed once.
    /// </summary>
    public JsonNode? TakePendingSignal(string name, out bool found) => PendingSignals.Take(Instance, name, Now, out found);

    /// <summary>True when some live work (queued or waiting) sits at one of these activities.</summary>
    public bool HasLiveWorkAt(ISet<string> activityIds) =>
        Instance.Queue.Any(w => activityIds.Contains(w.ActivityId)) || Instance.Bookmarks.Any(b => activityIds.Contains(b.ActivityId));

    /// <summary>Creates a human task waiting on a new bookmark.</summary>
    public HumanTask CreateTask(HumanTask task)
    {
        task.Id = Guid.CreateVersion7();
        var bookmark = CreateBookmark(BookmarkKind.Task, task.Id.ToString());
        task.BookmarkId = bookmark.Id;
        task.InstanceId = Instance.Id;
        task.ActivityId = Activity.Id;
        task.DefinitionId = Instance.DefinitionId;
        task.CreatedAt = Now;
        task.Status = HumanTaskStatus.Open;
        _burst.Changes.AddedTasks.Add(task);
        return task;
    }

    /// <summary>Records a notification in the same transaction as the burst.</summary>
    public void Notify(Notification notification)
    {
        notification.Id = Guid.CreateVersion7();
        notification.InstanceId = Instance.Id;
        notification.ActivityId = Activity.Id;
        notification.CreatedAt = Now;
        _burst.Changes.Notifications.Add(notification);
    }

    /// <summary>Starts a child instance in the same transaction; returns its id. The parent waits on a bookmark.</summary>
    public Task<Guid> StartChildAsync(string definitionId, JsonObject input, bool wait) => _burst.Runtime.CreateChildAsync(_burst, Activity.Id, definitionId, input, wait);

    /// <summary>Cancels the waits of the given activities (used by Join "any").</summary>
    public void CancelWaitsOf(ISet<string> activityIds)
    {
        foreach (var b in Instance.Bookmarks.Where(b => activityIds.Contains(b.ActivityId)).ToList())
            _burst.RemoveBookmark(b, cancel: true);
        Instance.Queue.RemoveAll(w => activityIds.Contains(w.ActivityId));
    }

    /// <summary>Inserts a domain row in this burst's transaction.</summary>
    public void StageInsert(object entity) => _burst.Stage(new StagedWrite(entity, StagedWriteKind.Insert));

    /// <summary>
    /// Updates a domain row in this burst's transaction, only if <paramref name="guardProperty"/> still has
    /// <paramref name="expectedValue"/> (typically a version number the caller read).
    /// </summary>
    public void StageUpdate(object entity, string guardProperty, object? expectedValue) =>
        _burst.Stage(new StagedWrite(entity, StagedWriteKind.Update, guardProperty, expectedValue));

    /// <summary>Scratch shared by every activity of the current burst; empty at the start of each burst.</summary>
    public BurstItems Items => _burst.Items;

    public CancellationToken Cancellation { get; }

    /// <summary>
    /// Wakes the branches of this same instance that wait on signal <paramref name="signal"/> (an <c>xf.Signal</c> or a
    /// domain activity's signal bookmark). They resume within this burst, after the current activity; returns how many.
    /// </summary>
    public int RaiseLocalSignal(string signal, JsonNode? payload = null) => _burst.RaiseLocalSignal(signal, payload);

    /// <summary>
    /// Records an incident on this instance at this activity without faulting it: the activity goes on, and an operator
    /// sees <paramref name="message"/> among the instance's incidents (open until the instance is cancelled). For a
    /// problem the activity works around but somebody must fix (e.g. rules that give a clock no deadline).
    /// </summary>
    public Incident RaiseIncident(string message) => _burst.Runtime.RaiseIncident(_burst, Activity.Id, Activity.Type, message);

    /// <summary>Adds detail to this activity's journal line.</summary>
    public void JournalData(string key, JsonNode? value) => _burst.PendingJournalData[key] = value;
}
