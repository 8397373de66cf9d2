using Microsoft.Extensions.Logging;
using XinchuangFlow.Domain.Assessment;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Tasks;

/// <summary>
/// A task of a changed instance, as a live inbox weighs it: whom it is for, who holds it, and its case — of a ticket and a
/// complaint only the fields a case scope reads (no contacts).
/// </summary>
public sealed record ChangedTask(Guid TaskId, Guid InstanceId, string? AssigneeUser, string? AssigneeRole, string? ClaimedBy, bool InChildFlow,
    Ticket? Ticket = null, Complaint? Complaint = null, AssessmentResult? Assessment = null, SupervisionNotice? Notice = null)
{
    /// <summary>The task with its case, as the inbox's rule reads it.</summary>
    public InboxCase AsCase() => new()
    {
        Task = new HumanTask { Id = TaskId, InstanceId = InstanceId, AssigneeUser = AssigneeUser, AssigneeRole = AssigneeRole, ClaimedBy = ClaimedBy },
        Ticket = Ticket, Complaint = Complaint, Assessment = Assessment, Notice = Notice, InChildFlow = InChildFlow,
    };
}

/// <summary>
/// The instances whose tasks changed since the last batch, with their tasks (open or just closed). <see cref="Unknown"/>:
/// the tasks could not be read — every inbox reloads, as before.
/// </summary>
public sealed record TaskChangeBatch(IReadOnlyCollection<Guid> Instances, IReadOnlyList<ChangedTask> Tasks, bool Unknown = false);

/// <summary>Reads the tasks of changed instances with their cases (one query for a batch).</summary>
public interface ITaskChangeSource
{
    Task<IReadOnlyList<ChangedTask>> TasksOfAsync(IReadOnlyCollection<Guid> instances, CancellationToken ct = default);
}

/// <summary>
/// One per node: turns the engine's <see cref="WorkflowRuntime.TasksChanged"/> into batches that say whom each change
/// concerns, so that a live inbox reloads only when a change touches it (<see cref="InboxWatch"/>). Changes arriving
/// within <see cref="Window"/> are read together with one query, whatever the number of open inboxes: the cost follows
/// the changes and the users they concern, not the users online (PERF-3). With nobody listening nothing is read.
/// </summary>
public sealed class TaskChangeFeed : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);
    private readonly WorkflowRuntime runtime;
    private readonly ITaskChangeSource source;
    private readonly ILogger<TaskChangeFeed> log;
    private readonly Lock gate = new();
    private readonly HashSet<Guid> pending = [];
    private bool scheduled;
    private long reads;

    public TaskChangeFeed(WorkflowRuntime runtime, ITaskChangeSource source, ILogger<TaskChangeFeed> log)
    {
        (this.runtime, this.source, this.log) = (runtime, source, log);
        runtime.TasksChanged += OnTasksChanged;
    }

    /// <summary>Raised with each batch (on a pool thread); a listener that throws is logged and the others still hear.</summary>
    public event Action<TaskChangeBatch>? Changed;

    /// <summary>How many batches were read (one query each) since the node started.</summary>
    public long Reads => Interlocked.Read(ref reads);

    private void OnTasksChanged(IReadOnlyCollection<Guid> instances)
    {
        if (Changed is null) return;
        lock (gate)
        {
            pending.UnionWith(instances);
            if (scheduled) return;
            scheduled = true;
        }
        _ = Task.Run(FlushAsync);
    }

    private async Task FlushAsync()
    {
        await Task.Delay(Window);
        Guid[] instances;
        lock (gate)
        {
            instances = [.. pending];
            pending.Clear();
            scheduled = false;
        }
        if (instances.Length == 0) return;
        TaskChangeBatch batch;
        try
        {
            batch = new TaskChangeBatch(instances, await source.TasksOfAsync(instances));
            Interlocked.Increment(ref reads);
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "The tasks of {Count} changed instances could not be read; every live inbox reloads", instances.Length);
            batch = new TaskChangeBatch(instances, [], Unknown: true);
        }
        if (Changed is not { } handlers) return;
        foreach (var handler in handlers.GetInvocationList().Cast<Action<TaskChangeBatch>>())
        {
            try { handler(batch); }
            catch (Exception ex) { log.LogWarning(ex, "A live inbox failed to take a task change"); }
        }
    }

    public void Dispose() => runtime.TasksChanged -= OnTasksChanged;
}

/// <summary>
/// Whether a batch of task changes touches one user's inbox: a task its widest view (All) would list — by the inbox query's
/// own rule (<see cref="InboxVisibility"/>), compiled — or an instance whose row the inbox shows now. Made by
/// <see cref="InboxService.Watch"/>.
/// </summary>
public sealed class InboxWatch
{
    private readonly bool everything;
    private readonly Func<InboxCase, bool> visible;

    public InboxWatch(InboxAudience who)
    {
        everything = who.Everything;
        // The inbox query's own rule for its widest view, compiled once for the rows in memory.
        visible = InboxVisibility.Of(who, InboxView.All).Compile();
    }

    /// <summary>The audience sees every task (the Data Bureau): every change concerns it.</summary>
    public bool SeesEverything => everything;

    /// <summary>True when the batch may change what the inbox shows (its rows or its counts).</summary>
    public bool Concerns(TaskChangeBatch batch, IReadOnlyCollection<Guid> shownInstances) =>
        batch.Unknown || everything || batch.Instances.Any(shownInstances.Contains) || batch.Tasks.Any(Concerns);

    /// <summary>True when the task is one the inbox's views would list (All is the widest of them).</summary>
    public bool Concerns(ChangedTask t) => visible(t.AsCase());
}
