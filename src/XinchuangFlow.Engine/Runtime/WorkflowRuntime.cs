using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Activities;

namespace XinchuangFlow.Engine.Runtime;

/// <summary>How to start an instance.</summary>
public sealed record StartRequest(
    string DefinitionId,
    JsonObject? Input = null,
    int? Version = null,
    string? CorrelationId = null,
    string? User = null,
    bool Dispatch = false,
    StartCaller? Caller = null);

/// <summary>
/// Who asks to start an instance through a generic way in (the instances API, the admin UI). The definition's start
/// permission decides; a request without a caller comes from a use case of the application (a ticket intake, a
/// sub-workflow) that has made its own decision.
/// </summary>
public sealed record StartCaller(string? User, IReadOnlyCollection<string> Roles);

/// <summary>What a signal did: how many waits it resumed, and whether it was kept for a later wait.</summary>
public sealed record SignalResult(int Resumed, bool Kept, DateTimeOffset? KeptUntil = null);

/// <summary>
/// The interpreter. Every public operation is one or more bursts; each burst is committed in one store
/// transaction (timer batches group several bursts into one transaction).
/// </summary>
public sealed class WorkflowRuntime
{
    private readonly ILogger _log;

    public WorkflowRuntime(IWorkflowStore store, ActivityRegistry registry, IExpressionEvaluator expressions,
        TimeProvider clock, DefinitionCache definitions, EngineOptions? options = null, ILogger<WorkflowRuntime>? log = null)
    {
        Store = store;
        Registry = registry;
        Expressions = expressions;
        Clock = clock;
        Definitions = definitions;
        Options = options ?? new EngineOptions();
        _log = (ILogger?)log ?? NullLogger.Instance;
    }

    public IWorkflowStore Store { get; }
    public ActivityRegistry Registry { get; }
    public IExpressionEvaluator Expressions { get; }
    public TimeProvider Clock { get; }
    public DefinitionCache Definitions { get; }
    public EngineOptions Options { get; }

    // ---------------------------------------------------------------- start

    /// <summary>
    /// Starts an instance of the latest published version (or <see cref="StartRequest.Version"/>) and runs it to
    /// its first wait in one transaction. With <see cref="StartRequest.Dispatch"/> it is only accepted (committed
    /// as Running) and the engine sweep runs it.
    /// </summary>
    public async Task<WorkflowInstance> StartAsync(StartRequest request, CancellationToken ct = default)
    {
        var record = request.Version is { } v
            ? await Store.FindDefinitionAsync(request.DefinitionId, v, ct)
            : await Definitions.GetLatestPublishedAsync(request.DefinitionId, ct);
        if (record is null)
            throw new WorkflowNotFoundException(request.Version is null
                ? $"Workflow definition '{request.DefinitionId}' has no published version."
                : $"Workflow definition '{request.DefinitionId}' version {request.Version} does not exist.");
        if (record.Status != DefinitionStatus.Published)
            throw new WorkflowStateException($"Workflow definition '{request.DefinitionId}' version {record.Version} is {record.Status}; only a published version can start instances.");
        var def = await Definitions.GetAsync(record.DefinitionId, record.Version, ct);
        if (request.Caller is { } caller) CheckStartPermission(def, caller);
        var instance = NewInstance(def, request.Input ?? [], request.CorrelationId, request.User, null, null);
        var burst = new Burst(this, instance, def, isNew: true, request.User);
        burst.Journal(JournalKind.InstanceStarted, null, null, null, Clock.GetUtcNow(), new JsonObject { ["version"] = def.Version });

        if (request.Dispatch)
        {
            // Accepted only: the lease is already expired, so the next sweep on any node runs it.
            instance.LeaseUntil = Clock.GetUtcNow();
            await CommitAsync([burst], ct);
            return instance;
        }
        await RunAsync(burst, ct);
        await CommitAndFollowUpAsync(burst, ct);
        return instance;
    }

    /// <summary>Refuses a generic start the definition does not allow (SEC-5): use-case-only flows, or a caller without a start role.</summary>
    private void CheckStartPermission(CompiledDefinition def, StartCaller caller)
    {
        var permission = def.Model.StartPermission;
        if (permission?.UseCaseOnly == true)
            throw new WorkflowForbiddenException($"Workflow '{def.DefinitionId}' is started only by its own use case (e.g. recording a request), not directly.");
        var roles = permission?.Roles is { Count: > 0 } r ? r : Options.DefaultStartRoles;
        if (roles.Contains(XinchuangFlow.Engine.Definitions.StartPermission.AnySignedIn) ? caller.User is null : !roles.Any(caller.Roles.Contains))
            throw new WorkflowForbiddenException($"Workflow '{def.DefinitionId}' may be started by {string.Join(", ", roles)} only.");
    }

    private WorkflowInstance NewInstance(CompiledDefinition def, JsonObject input, string? correlationId, string? user, Guid? parent, Guid? parentBookmark)
    {
        var errors = new List<string>();
        var vars = new JsonObject();
        foreach (var variable in def.Model.Variables)
        {
            var value = input.TryGetPropertyValue(variable.Name, out var given) ? given?.DeepClone() : variable.Default?.DeepClone();
            if (value is not null && !VariableTypes.Matches(variable.Type, value))
                errors.Add($"Input '{variable.Name}' must be of type {variable.Type}.");
            vars[variable.Name] = value;
        }
        if (errors.Count > 0) throw new WorkflowInputException(errors);
        var start = def.Model.Activities.FirstOrDefault(a => Registry.FindDescriptor(a.Type)?.IsStart == true)
                    ?? throw new WorkflowStateException($"Workflow definition '{def.DefinitionId}' v{def.Version} has no Start activity.");
        var now = Clock.GetUtcNow();
        return new WorkflowInstance
        {
            Id = Guid.CreateVersion7(),
            DefinitionId = def.DefinitionId,
            DefinitionVersion = def.Version,
            Status = WorkflowStatus.Running,
            CorrelationId = correlationId,
            Input = (JsonObject)input.DeepClone(),
            Variables = vars,
            Queue = [new WorkItem(start.Id)],
            ParentInstanceId = parent,
            ParentBookmarkId = parentBookmark,
            CreatedBy = user,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    internal async Task<Guid> CreateChildAsync(Burst parent, string activityId, string definitionId, JsonObject input, bool wait)
    {
        var record = await Definitions.GetLatestPublishedAsync(definitionId)
                     ?? throw new WorkflowStateException($"Sub-workflow '{definitionId}' has no published version.");
        var def = await Definitions.GetAsync(definitionId, record.Version);
        Bookmark? bookmark = null;
        var childId = Guid.CreateVersion7();
        if (wait) bookmark = parent.CreateBookmark(activityId, BookmarkKind.SubWorkflow, childId.ToString());
        var child = NewInstance(def, input, parent.Instance.CorrelationId, parent.User, parent.Instance.Id, bookmark?.Id);
        child.Id = childId;
        child.LeaseUntil = Clock.GetUtcNow() + Options.Lease;
        var childBurst = new Burst(this, child, def, isNew: true, parent.User);
        childBurst.Journal(JournalKind.InstanceStarted, null, null, null, Clock.GetUtcNow(),
            new JsonObject { ["version"] = def.Version, ["parent"] = parent.Instance.Id.ToString() });
        parent.Changes.Children.Add(childBurst.Changes);
        parent.ChildrenToRun.Add(child);
        return childId;
    }

    // ---------------------------------------------------------------- tasks

    /// <summary>
    /// Completes a human task with an outcome and form data, and runs the instance to its next wait.
    /// Exactly one of several concurrent completions wins; the others get <see cref="TaskAlreadyCompletedException"/>.
    /// </summary>
    public async Task<WorkflowInstance> CompleteTaskAsync(Guid taskId, string outcome, JsonObject? data, string? user, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var task = await Store.FindTaskAsync(taskId, ct) ?? throw new WorkflowNotFoundException($"Task {taskId} does not exist.");
            if (task.Status != HumanTaskStatus.Open) throw new TaskAlreadyCompletedException(taskId);
            if (!task.HasOutcome(outcome))
                throw new WorkflowInputException(new Dictionary<string, string[]>
                {
                    ["outcome"] = [$"Outcome '{outcome}' is not one of this task's outcome keys: {string.Join(", ", task.Outcomes.Select(o => $"{o.Key} ({o.Name})"))}."],
                });
            var cleaned = FormValidator.Validate(task.Form, data);

            var instance = await Store.LoadInstanceAsync(task.InstanceId, ct) ?? throw new WorkflowNotFoundException($"Instance {task.InstanceId} does not exist.");
            var bookmark = instance.Bookmarks.FirstOrDefault(b => b.Id == task.BookmarkId) ?? throw new TaskAlreadyCompletedException(taskId);
            if (instance.Status is not (WorkflowStatus.Waiting or WorkflowStatus.Running))
                throw new WorkflowStateException($"Instance {instance.Id} is {instance.Status}; its tasks cannot be completed.");

            var def = await Definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, ct);
            // The activity's own rules on the data hold whichever way the task is completed.
            if (def.Find(task.ActivityId) is { } taskModel && Registry.Find(taskModel.Type) is ITaskCompletionRules rules
                && rules.CheckCompletion(task, outcome, cleaned) is { Count: > 0 } problems)
                throw new WorkflowInputException(problems);
            var burst = new Burst(this, instance, def, isNew: false, user);
            var now = Clock.GetUtcNow();
            task.Status = HumanTaskStatus.Completed;
            task.Outcome = outcome;
            task.Data = cleaned;
            task.CompletedBy = user;
            task.CompletedAt = now;
            burst.Changes.CompletedTask = task;
            burst.Journal(JournalKind.TaskCompleted, task.ActivityId, "xf.UserTask", outcome, task.CreatedAt,
                new JsonObject { ["taskId"] = task.Id.ToString(), ["data"] = cleaned.DeepClone() }, user);
            await ResumeAsync(burst, bookmark, outcome, cleaned, ct);
            try
            {
                await CommitAndFollowUpAsync(burst, ct);
                return instance;
            }
            catch (ConcurrencyConflictException) when (attempt < Options.ConflictRetries)
            {
                // Another burst changed the instance (e.g. a timer on a parallel path): reload and try again;
                // the next attempt reports "already completed" if that burst was a completion of this task.
            }
        }
    }

    // ---------------------------------------------------------------- signals

    /// <summary>Resumes every bookmark waiting for <paramref name="signal"/> (of one instance, or all). Returns how many.</summary>
    public async Task<int> SignalAsync(string signal, Guid? instanceId, JsonNode? payload, string? user, CancellationToken ct = default)
    {
        var bookmarks = await Store.FindSignalBookmarksAsync(signal, instanceId, ct);
        // Only when nothing waits is it worth a read to tell "no such instance" from "not waiting for this".
        if (bookmarks.Count == 0 && instanceId is { } id && await Store.LoadInstanceAsync(id, ct) is null)
            throw new WorkflowNotFoundException($"Instance {id} does not exist.");
        var resumed = 0;
        foreach (var group in bookmarks.GroupBy(b => b.InstanceId))
        {
            resumed += await WithConflictRetryAsync(group.Key, user, async burst =>
            {
                var n = 0;
                foreach (var b in group)
                {
                    var live = burst.Instance.Bookmarks.FirstOrDefault(x => x.Id == b.Id);
                    if (live is null) continue;
                    await ResumeAsync(burst, live, null, payload, ct);
                    n++;
                }
                return n;
            }, ct);
        }
        return resumed;
    }

    /// <summary>
    /// Sends a signal to one instance. When nothing waits for it and <paramref name="keepFor"/> is given, the signal is
    /// kept in the instance for that long and the first wait for it takes it (a persistent signal), exactly once.
    /// </summary>
    public async Task<SignalResult> SendSignalAsync(string signal, Guid instanceId, JsonNode? payload, string? user, TimeSpan? keepFor, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(signal)) throw new WorkflowInputException("The signal name is empty.");
        if (keepFor is { } k && (k <= TimeSpan.Zero || k > Options.MaxSignalTtl))
            throw new WorkflowInputException($"keepFor must be positive and at most {Options.MaxSignalTtl}.");
        var resumed = await SignalAsync(signal, instanceId, payload, user, ct);
        if (resumed > 0 || keepFor is not { } ttl) return new SignalResult(resumed, false);
        var until = Clock.GetUtcNow() + ttl;
        var outcome = await WithConflictRetryAsync(instanceId, user, async burst =>
        {
            // A wait may have appeared since the lookup: deliver to it instead of keeping the signal.
            if (burst.Instance.Bookmarks.FirstOrDefault(b => b.Kind == BookmarkKind.Signal && b.Key == signal) is { } live)
            {
                await ResumeAsync(burst, live, null, payload, ct);
                return 2;
            }
            PendingSignals.Keep(burst.Instance, signal, payload, Clock.GetUtcNow(), until);
            burst.Journal(JournalKind.SignalKept, null, null, null, Clock.GetUtcNow(), new JsonObject { ["signal"] = signal, ["until"] = until.ToString("O") });
            return 1;
        }, ct);
        if (outcome == 0 && await Store.LoadInstanceAsync(instanceId, ct) is { } gone)
            throw new WorkflowStateException($"Instance {instanceId} is {gone.Status}; the signal '{signal}' was not kept.");
        return outcome == 2 ? new SignalResult(1, false) : new SignalResult(0, outcome == 1, outcome == 1 ? until : null);
    }

    /// <summary>
    /// An administrator withdraws an open task with a reason: the task is cancelled and its activity continues on the
    /// optional <c>withdrawn</c> port (the path ends there when the port is not connected). 409 when it is no longer open.
    /// </summary>
    public async Task<WorkflowInstance> WithdrawTaskAsync(Guid taskId, string reason, string? user, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var task = await Store.FindTaskAsync(taskId, ct) ?? throw new WorkflowNotFoundException($"Task {taskId} does not exist.");
            if (task.Status != HumanTaskStatus.Open) throw new TaskAlreadyCompletedException(taskId);
            var instance = await Store.LoadInstanceAsync(task.InstanceId, ct) ?? throw new WorkflowNotFoundException($"Instance {task.InstanceId} does not exist.");
            var bookmark = instance.Bookmarks.FirstOrDefault(b => b.Id == task.BookmarkId) ?? throw new TaskAlreadyCompletedException(taskId);
            if (instance.Status is not (WorkflowStatus.Waiting or WorkflowStatus.Running))
                throw new WorkflowStateException($"Instance {instance.Id} is {instance.Status}; its tasks cannot be withdrawn.");
            var def = await Definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, ct);
            var burst = new Burst(this, instance, def, isNew: false, user);
            burst.Changes.CancelledTasks.Add(task.Id);
            burst.Journal(JournalKind.TaskWithdrawn, task.ActivityId, def.Find(task.ActivityId)?.Type, Activities.Builtin.UserTaskActivity.Withdrawn, Clock.GetUtcNow(),
                new JsonObject { ["taskId"] = task.Id.ToString(), ["reason"] = reason }, user);
            await ResumeAsync(burst, bookmark, Activities.Builtin.UserTaskActivity.Withdrawn, new JsonObject { ["reason"] = reason }, ct);
            try
            {
                await CommitAndFollowUpAsync(burst, ct);
                return instance;
            }
            catch (ConcurrencyConflictException) when (attempt < Options.ConflictRetries) { }
        }
    }

    /// <summary>
    /// Changes a waiting instance outside its flow (a re-dispatch, for example) in one transaction with the
    /// instance: <paramref name="amend"/> may set variables, move open tasks and stage domain rows; it returns false
    /// to abandon. It runs again on a concurrency conflict, so it must only depend on what it reads. Returns false
    /// when the instance is not waiting or running, or <paramref name="amend"/> abandoned.
    /// </summary>
    public async Task<bool> AmendAsync(Guid instanceId, string? user, string reason, Func<InstanceAmendment, Task<bool>> amend, CancellationToken ct = default) =>
        await WithConflictRetryAsync(instanceId, user, async burst =>
        {
            if (!await amend(new InstanceAmendment(burst))) return 0;
            burst.Journal(JournalKind.Amended, null, null, null, Clock.GetUtcNow(), new JsonObject { ["reason"] = reason });
            if (burst.LocalResumes.Count > 0)
            {
                burst.Instance.Status = WorkflowStatus.Running;
                await ResumeLocalSignalsAsync(burst, ct);
                if (burst.Instance.Status == WorkflowStatus.Running) await RunAsync(burst, ct);
            }
            return 1;
        }, ct) > 0;

    private async Task<int> WithConflictRetryAsync(Guid instanceId, string? user, Func<Burst, Task<int>> work, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var instance = await Store.LoadInstanceAsync(instanceId, ct);
            if (instance is null || instance.Status is not (WorkflowStatus.Waiting or WorkflowStatus.Running)) return 0;
            var def = await Definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, ct);
            var burst = new Burst(this, instance, def, isNew: false, user);
            var n = await work(burst);
            if (n == 0) return 0;
            try
            {
                await CommitAndFollowUpAsync(burst, ct);
                return n;
            }
            catch (ConcurrencyConflictException) when (attempt < Options.ConflictRetries) { }
        }
    }

    // ---------------------------------------------------------------- timers

    /// <summary>
    /// Fires every due timer: claims them in batches (atomically, so each fires once across nodes), runs each
    /// instance's burst in memory and commits a batch in one transaction. Returns the number fired.
    /// </summary>
    public async Task<int> DrainTimersAsync(CancellationToken ct = default)
    {
        // Pipelined: while one batch is being committed, the next is claimed beforehand and run in memory, so
        // reading and interpreting overlap with writing.
        var batchSize = Options.TimerBatchSize;
        var claimed = await ClaimAsync(batchSize, ct);
        if (claimed.Count == 0) return 0;
        var prepared = await PrepareTimerBatchAsync(claimed, ct);
        var fired = 0;
        while (true)
        {
            var next = claimed.Count == batchSize && !ct.IsCancellationRequested ? await ClaimAsync(batchSize, ct) : [];
            var commit = CommitTimerBatchAsync(prepared, ct);
            var nextPrepared = next.Count > 0 ? await PrepareTimerBatchAsync(next, ct) : null;
            fired += await commit;
            if (nextPrepared is null) return fired;
            (claimed, prepared) = (next, nextPrepared);
        }
    }

    private async Task<IReadOnlyList<TimerEntry>> ClaimAsync(int max, CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        return await Store.ClaimDueTimersAsync(now, max, now + Options.Lease, ct);
    }

    private sealed record TimerBatch(Dictionary<Guid, List<TimerEntry>> ByInstance, List<Burst> Bursts, int Count);

    private async Task<TimerBatch> PrepareTimerBatchAsync(IReadOnlyList<TimerEntry> timers, CancellationToken ct)
    {
        var byInstance = timers.GroupBy(t => t.InstanceId).ToDictionary(g => g.Key, g => g.OrderBy(t => t.DueAt).ToList());
        var instances = await Store.LoadInstancesAsync(byInstance.Keys.ToList(), ct);
        var bursts = new List<Burst>(instances.Count);
        foreach (var instance in instances)
        {
            var burst = await FireInstanceTimersAsync(instance, byInstance[instance.Id], ct);
            if (burst is not null) bursts.Add(burst);
        }
        return new TimerBatch(byInstance, bursts, timers.Count);
    }

    private async Task<int> CommitTimerBatchAsync(TimerBatch batch, CancellationToken ct)
    {
        var (byInstance, bursts, count) = batch;
        try
        {
            await CommitAsync(bursts, ct);
            foreach (var b in bursts) await FollowUpAsync(b, ct);
            return count;
        }
        catch (ConcurrencyConflictException)
        {
            // One instance in the batch changed meanwhile: fall back to one transaction per instance.
            var fired = 0;
            foreach (var (instanceId, list) in byInstance)
            {
                try
                {
                    fired += await WithConflictRetryAsync(instanceId, null, async burst =>
                    {
                        var b = await FireInstanceTimersAsync(burst.Instance, list, ct, burst);
                        return b is null ? 0 : list.Count;
                    }, ct);
                }
                catch (ConcurrencyConflictException ex)
                {
                    // The claim lease runs out and the timer is fired by a later sweep.
                    _log.LogWarning(ex, "Timers of instance {InstanceId} were not fired this round", instanceId);
                }
            }
            return fired;
        }
    }

    private async Task<Burst?> FireInstanceTimersAsync(WorkflowInstance instance, List<TimerEntry> timers, CancellationToken ct, Burst? burst = null)
    {
        if (instance.Status is not (WorkflowStatus.Waiting or WorkflowStatus.Running)) return null;
        if (burst is null)
        {
            var def = await Definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, ct);
            burst = new Burst(this, instance, def, isNew: false, null);
        }
        var any = false;
        foreach (var timer in timers)
        {
            var bookmark = instance.Bookmarks.FirstOrDefault(b => b.Id == timer.BookmarkId);
            if (bookmark is null) { burst.Changes.RemovedTimers.Add(timer.BookmarkId); any = true; continue; }
            await ResumeAsync(burst, bookmark, null, new JsonObject { ["dueAt"] = timer.DueAt.ToString("O") }, ct);
            any = true;
            if (instance.Status is not (WorkflowStatus.Waiting or WorkflowStatus.Running)) break;
        }
        return any ? burst : null;
    }

    // ---------------------------------------------------------------- faults, cancel, recovery, migration

    /// <summary>Resolves the open incidents and runs the failed activity again.</summary>
    public async Task<WorkflowInstance> RetryAsync(Guid instanceId, string? user, CancellationToken ct = default)
    {
        var instance = await Store.LoadInstanceAsync(instanceId, ct) ?? throw new WorkflowNotFoundException($"Instance {instanceId} does not exist.");
        if (instance.Status != WorkflowStatus.Faulted)
            throw new WorkflowStateException($"Instance {instanceId} is {instance.Status}; only a faulted instance can be retried.");
        var def = await Definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, ct);
        var burst = new Burst(this, instance, def, isNew: false, user);
        foreach (var incident in await Store.GetIncidentsAsync(instanceId, ct))
            if (incident.ResolvedAt is null) burst.Changes.ResolvedIncidents.Add(incident.Id);
        instance.Status = WorkflowStatus.Running;
        burst.Journal(JournalKind.Retried, instance.Queue.FirstOrDefault()?.ActivityId, null, null, Clock.GetUtcNow());
        await RunAsync(burst, ct);
        await CommitAndFollowUpAsync(burst, ct);
        return instance;
    }

    /// <summary>Cancels an instance: its waits are removed, its open tasks cancelled.</summary>
    public async Task<WorkflowInstance> CancelAsync(Guid instanceId, string? user, CancellationToken ct = default)
    {
        var instance = await Store.LoadInstanceAsync(instanceId, ct) ?? throw new WorkflowNotFoundException($"Instance {instanceId} does not exist.");
        if (instance.Status is WorkflowStatus.Finished or WorkflowStatus.Cancelled)
            throw new WorkflowStateException($"Instance {instanceId} is already {instance.Status}.");
        var def = await Definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, ct);
        var burst = new Burst(this, instance, def, isNew: false, user);
        await CancelInBurstAsync(burst, null, ct);
        await CommitAsync([burst], ct);
        return instance;
    }

    /// <summary>Cancels the burst's instance: waits removed, tasks cancelled, incidents resolved; the sub-workflows it waits for follow in the same commit.</summary>
    private async Task CancelInBurstAsync(Burst burst, Guid? byParent, CancellationToken ct)
    {
        var instance = burst.Instance;
        foreach (var b in instance.Bookmarks.ToList()) burst.RemoveBookmark(b, cancel: true);
        foreach (var incident in await Store.GetIncidentsAsync(instance.Id, ct))
            if (incident.ResolvedAt is null) burst.Changes.ResolvedIncidents.Add(incident.Id);
        instance.Queue.Clear();
        instance.Status = WorkflowStatus.Cancelled;
        instance.FinishedAt = Clock.GetUtcNow();
        instance.LeaseUntil = null;
        burst.Journal(JournalKind.InstanceCancelled, null, null, null, Clock.GetUtcNow(),
            byParent is { } p ? new JsonObject { ["reason"] = "the parent instance was cancelled or ended", ["parent"] = p.ToString() } : null);
    }

    /// <summary>
    /// Cancels, in the same transaction as <paramref name="burst"/>, the sub-workflow instances whose waiting bookmark
    /// the burst cancelled (a cancel, a terminate, a join that cancels other paths, a for-each that has enough), and
    /// theirs in turn. Each cancellation is journalled on both sides.
    /// </summary>
    private async Task CancelChildrenAsync(Burst burst, CancellationToken ct)
    {
        while (burst.ChildrenToCancel.Count > 0)
        {
            var childId = burst.ChildrenToCancel[0];
            burst.ChildrenToCancel.RemoveAt(0);
            if (burst.ChildrenToRun.FirstOrDefault(c => c.Id == childId) is { } fresh)
            {
                // Created in this very burst and not run yet: it is written already cancelled and never runs.
                burst.ChildrenToRun.Remove(fresh);
                fresh.Queue.Clear();
                fresh.Status = WorkflowStatus.Cancelled;
                fresh.FinishedAt = Clock.GetUtcNow();
                continue;
            }
            var child = await Store.LoadInstanceAsync(childId, ct);
            if (child is null || child.Status is WorkflowStatus.Finished or WorkflowStatus.Cancelled) continue;
            var def = await Definitions.GetAsync(child.DefinitionId, child.DefinitionVersion, ct);
            var childBurst = new Burst(this, child, def, isNew: false, burst.User);
            await CancelInBurstAsync(childBurst, burst.Instance.Id, ct);
            await CancelChildrenAsync(childBurst, ct);
            burst.Changes.Children.Add(childBurst.Changes);
            burst.Journal(JournalKind.ChildCancelled, null, null, null, Clock.GetUtcNow(), new JsonObject { ["child"] = childId.ToString() });
        }
    }

    /// <summary>
    /// Finds instances a crashed node left mid-burst (Running with an expired lease) and runs them on, and
    /// resumes parents whose sub-workflow finished while the parent's resume was lost. Returns how many.
    /// </summary>
    public async Task<int> RecoverAsync(CancellationToken ct = default)
    {
        var now = Clock.GetUtcNow();
        var ids = await Store.ClaimInterruptedAsync(now, now + Options.Lease, 200, ct);
        var count = 0;
        foreach (var id in ids)
        {
            var instance = await Store.LoadInstanceAsync(id, ct);
            if (instance is null || instance.Status != WorkflowStatus.Running) continue;
            var def = await Definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, ct);
            var burst = new Burst(this, instance, def, isNew: false, null);
            try
            {
                await RunAsync(burst, ct);
                await CommitAndFollowUpAsync(burst, ct);
                count++;
            }
            catch (ConcurrencyConflictException ex)
            {
                _log.LogInformation(ex, "Instance {InstanceId} was taken by another node during recovery", id);
            }
        }
        foreach (var (child, parent, bookmark) in await Store.FindOrphanedChildCompletionsAsync(200, ct))
        {
            if (await ResumeParentAsync(child, parent, bookmark, ct)) count++;
        }
        return count;
    }

    /// <summary>
    /// Moves a running instance to another version of its definition. Every activity it waits on (or failed
    /// in) must exist in the target version with the same type.
    /// </summary>
    public async Task<WorkflowInstance> MigrateAsync(Guid instanceId, int toVersion, string? user, CancellationToken ct = default)
    {
        var instance = await Store.LoadInstanceAsync(instanceId, ct) ?? throw new WorkflowNotFoundException($"Instance {instanceId} does not exist.");
        if (instance.Status is WorkflowStatus.Finished or WorkflowStatus.Cancelled)
            throw new WorkflowStateException($"Instance {instanceId} is {instance.Status} and cannot be migrated.");
        var from = await Definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, ct);
        var record = await Store.FindDefinitionAsync(instance.DefinitionId, toVersion, ct)
                     ?? throw new WorkflowNotFoundException($"Workflow definition '{instance.DefinitionId}' version {toVersion} does not exist.");
        if (record.Status == DefinitionStatus.Draft)
            throw new WorkflowStateException($"Version {toVersion} is a draft; publish it first.");
        var to = await Definitions.GetAsync(instance.DefinitionId, toVersion, ct);
        var problems = new List<string>();
        foreach (var activityId in instance.Bookmarks.Select(b => b.ActivityId).Concat(instance.Queue.Select(q => q.ActivityId)).Distinct())
        {
            var old = from.Find(activityId);
            var now = to.Find(activityId);
            if (now is null) problems.Add($"Activity '{activityId}' the instance waits on does not exist in version {toVersion}.");
            else if (old is not null && old.Type != now.Type) problems.Add($"Activity '{activityId}' is {old.Type} in version {from.Version} but {now.Type} in version {toVersion}.");
        }
        if (problems.Count > 0) throw new WorkflowInputException(problems);
        var burst = new Burst(this, instance, to, isNew: false, user);
        var previous = instance.DefinitionVersion;
        instance.DefinitionVersion = toVersion;
        foreach (var variable in to.Model.Variables)
            if (!instance.Variables.ContainsKey(variable.Name)) instance.Variables[variable.Name] = variable.Default?.DeepClone();
        burst.Journal(JournalKind.InstanceMigrated, null, null, null, Clock.GetUtcNow(), new JsonObject { ["from"] = previous, ["to"] = toVersion });
        await CommitAsync([burst], ct);
        return instance;
    }

    // ---------------------------------------------------------------- the interpreter

    private async Task ResumeAsync(Burst burst, Bookmark bookmark, string? outcome, JsonNode? payload, CancellationToken ct)
    {
        var instance = burst.Instance;
        burst.RemoveBookmark(bookmark, cancel: false);
        var model = burst.Definition.Find(bookmark.ActivityId);
        if (model is null)
        {
            Fault(burst, new WorkItem(bookmark.ActivityId), bookmark.ActivityId, "?", new InvalidOperationException($"Activity '{bookmark.ActivityId}' no longer exists in this version."));
            return;
        }
        var activity = Registry.Get(model.Type);
        var descriptor = Registry.FindDescriptor(model.Type)!;
        instance.Status = WorkflowStatus.Running;
        var started = Clock.GetUtcNow();
        var ctx = new ActivityContext(burst, model, descriptor, null);
        ActivityResult result;
        burst.PendingJournalData = [];
        try
        {
            result = await activity.ResumeAsync(ctx, new ResumeStimulus(bookmark, outcome, payload, burst.User));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Fault(burst, new WorkItem(model.Id), model.Id, model.Type, ex);
            return;
        }
        Apply(burst, model, result, started, JournalKind.ActivityResumed);
        await ResumeLocalSignalsAsync(burst, ct);
        await RunAsync(burst, ct);
    }

    private async Task RunAsync(Burst burst, CancellationToken ct)
    {
        var instance = burst.Instance;
        if (instance.Status == WorkflowStatus.Faulted) return;
        instance.Status = WorkflowStatus.Running;
        var steps = 0;
        while (true)
        {
        while (instance.Queue.Count > 0 && instance.Status == WorkflowStatus.Running)
        {
            ct.ThrowIfCancellationRequested();
            var item = instance.Queue[0];
            instance.Queue.RemoveAt(0);
            var model = burst.Definition.Find(item.ActivityId);
            if (model is null)
            {
                Fault(burst, item, item.ActivityId, "?", new InvalidOperationException($"Activity '{item.ActivityId}' does not exist in this version."));
                break;
            }
            if (++steps > Options.MaxStepsPerBurst)
            {
                Fault(burst, item, model.Id, model.Type, new InvalidOperationException(
                    $"The burst executed more than {Options.MaxStepsPerBurst} steps without waiting; the flow probably loops."));
                break;
            }
            var activity = Registry.Find(model.Type);
            var descriptor = Registry.FindDescriptor(model.Type);
            if (activity is null || descriptor is null)
            {
                Fault(burst, item, model.Id, model.Type, new InvalidOperationException($"Unknown activity type '{model.Type}'."));
                break;
            }
            var started = Clock.GetUtcNow();
            burst.PendingJournalData = [];
            ActivityResult result;
            try
            {
                result = await activity.ExecuteAsync(new ActivityContext(burst, model, descriptor, item.FromActivityId));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Fault(burst, item, model.Id, model.Type, ex);
                break;
            }
            Apply(burst, model, result, started, JournalKind.ActivityExecuted);
            await ResumeLocalSignalsAsync(burst, ct);
        }
            // A synchronising merge whose upstream has gone quiet fires on what has arrived.
            if (instance.Status == WorkflowStatus.Running && instance.Queue.Count == 0 && QueueQuietMerges(burst)) continue;
            break;
        }
        if (instance.Status == WorkflowStatus.Running && instance.Queue.Count == 0)
        {
            instance.LeaseUntil = null;
            if (instance.Bookmarks.Count > 0) instance.Status = WorkflowStatus.Waiting;
            else if (StuckMerge(burst) is { } stuck)
            {
                // Nothing waits and nothing runs, yet a merge holds arrivals: the instance can no longer progress, which is not success.
                var (join, arrived) = stuck;
                Fault(burst, new WorkItem(join.Id, Activities.IMergeActivity.Recheck), join.Id, join.Type, new InvalidOperationException(
                    $"the join waits for paths that can no longer arrive (arrived from: {arrived}; expected: {string.Join(", ", burst.Definition.Sources(join.Id))}). " +
                    "Check the join's mode (a 'sync' join waits only for activated paths) or cancel the instance."));
            }
            else Finish(burst);
        }
    }

    /// <summary>Queues a re-check of every synchronising merge that holds arrivals and has no live work upstream; true when any.</summary>
    private bool QueueQuietMerges(Burst burst)
    {
        var any = false;
        foreach (var model in burst.Definition.Model.Activities)
        {
            if (Registry.Find(model.Type) is not Activities.IMergeActivity merge || !merge.FiresWhenUpstreamIsDone(model)) continue;
            if (!merge.IsWaitingForMore(burst.Instance.ActivityState[model.Id])) continue;
            var upstream = burst.Definition.Ancestors(model.Id);
            upstream.Remove(model.Id);
            if (burst.Instance.Bookmarks.Any(b => upstream.Contains(b.ActivityId))) continue;
            burst.Instance.Queue.Add(new WorkItem(model.Id, Activities.IMergeActivity.Recheck));
            any = true;
        }
        return any;
    }

    /// <summary>A merge that holds arrivals and waits for more, if any.</summary>
    private (Definitions.ActivityModel Join, string Arrived)? StuckMerge(Burst burst)
    {
        foreach (var model in burst.Definition.Model.Activities)
        {
            var state = burst.Instance.ActivityState[model.Id];
            if (Registry.Find(model.Type) is Activities.IMergeActivity merge && merge.IsWaitingForMore(state))
            {
                var arrived = (state as JsonArray ?? state?["arrived"] as JsonArray ?? []).Select(n => n?.GetValue<string>()).Where(n => !string.IsNullOrEmpty(n));
                return (model, string.Join(", ", arrived));
            }
        }
        return null;
    }

    /// <summary>Resumes the signal bookmarks an activity raised locally (still present: a terminate may have removed them).</summary>
    private async Task ResumeLocalSignalsAsync(Burst burst, CancellationToken ct)
    {
        while (burst.LocalResumes.Count > 0 && burst.Instance.Status == WorkflowStatus.Running)
        {
            var (bookmark, payload) = burst.LocalResumes[0];
            burst.LocalResumes.RemoveAt(0);
            if (burst.Instance.Bookmarks.Contains(bookmark))
                await ResumeAsync(burst, bookmark, null, payload, ct);
        }
        burst.LocalResumes.Clear();
    }

    private void Apply(Burst burst, Definitions.ActivityModel model, ActivityResult result, DateTimeOffset started, JournalKind kind)
    {
        var data = burst.PendingJournalData;
        switch (result)
        {
            case ActivityResult.Completed done:
                burst.Journal(kind, model.Id, model.Type, done.Outcomes.Count == 0 ? null : string.Join(",", done.Outcomes), started, data);
                foreach (var outcome in done.Outcomes)
                    foreach (var target in burst.Definition.Targets(model.Id, outcome))
                        burst.Instance.Queue.Add(new WorkItem(target, model.Id));
                break;
            case ActivityResult.Waiting:
                burst.Journal(JournalKind.ActivityWaiting, model.Id, model.Type, null, started, data);
                break;
            case ActivityResult.Terminate:
                burst.Journal(kind, model.Id, model.Type, "terminate", started, data);
                foreach (var b in burst.Instance.Bookmarks.ToList()) burst.RemoveBookmark(b, cancel: true);
                burst.Instance.Queue.Clear();
                break;
        }
    }

    private void Finish(Burst burst)
    {
        burst.Instance.Status = WorkflowStatus.Finished;
        burst.Instance.FinishedAt = Clock.GetUtcNow();
        burst.Journal(JournalKind.InstanceFinished, null, null, null, Clock.GetUtcNow());
    }

    private void Fault(Burst burst, WorkItem item, string activityId, string activityType, Exception ex)
    {
        var instance = burst.Instance;
        instance.Status = WorkflowStatus.Faulted;
        instance.LeaseUntil = null;
        instance.Queue.Insert(0, item);
        var message = ex is ActivityInputException ? ex.Message : $"Activity '{activityId}' ({activityType}) failed: {ex.Message}";
        var incident = new Incident
        {
            Id = Guid.CreateVersion7(),
            InstanceId = instance.Id,
            ActivityId = activityId,
            ActivityType = activityType,
            Message = message,
            ExceptionType = ex.GetType().Name,
            CreatedAt = Clock.GetUtcNow(),
        };
        burst.Changes.AddedIncidents.Add(incident);
        burst.Journal(JournalKind.Incident, activityId, activityType, null, Clock.GetUtcNow(), new JsonObject { ["message"] = message });
        _log.LogWarning("Incident on instance {InstanceId} at {ActivityId}: {Message}", instance.Id, activityId, message);
    }

    // ---------------------------------------------------------------- commits and follow-ups

    private async Task CommitAsync(IReadOnlyList<Burst> bursts, CancellationToken ct)
    {
        if (bursts.Count == 0) return;
        var now = Clock.GetUtcNow();
        var changes = new List<BurstChanges>(bursts.Count);
        foreach (var b in bursts)
        {
            if (b.ChildrenToCancel.Count > 0) await CancelChildrenAsync(b, ct);
            Stamp(b.Changes, now);
            changes.Add(b.Changes);
        }
        await Store.CommitAsync(changes, ct);
    }

    private static void Stamp(BurstChanges changes, DateTimeOffset now)
    {
        changes.Instance.UpdatedAt = now;
        changes.Instance.Version = changes.ExpectedVersion + 1;
        foreach (var child in changes.Children) Stamp(child, now);
    }

    private async Task CommitAndFollowUpAsync(Burst burst, CancellationToken ct)
    {
        await CommitAsync([burst], ct);
        await FollowUpAsync(burst, ct);
    }

    /// <summary>After a commit: run the children it created, and resume the parent of a finished child.</summary>
    private async Task FollowUpAsync(Burst burst, CancellationToken ct)
    {
        foreach (var child in burst.ChildrenToRun)
        {
            var def = await Definitions.GetAsync(child.DefinitionId, child.DefinitionVersion, ct);
            var childBurst = new Burst(this, child, def, isNew: false, burst.User);
            await RunAsync(childBurst, ct);
            await CommitAndFollowUpAsync(childBurst, ct);
        }
        var instance = burst.Instance;
        if (instance is { Status: WorkflowStatus.Finished, ParentInstanceId: { } parent, ParentBookmarkId: { } bookmark })
            await ResumeParentAsync(instance.Id, parent, bookmark, ct);
    }

    private async Task<bool> ResumeParentAsync(Guid childId, Guid parentId, Guid bookmarkId, CancellationToken ct)
    {
        var child = await Store.LoadInstanceAsync(childId, ct);
        if (child is null) return false;
        var payload = new JsonObject
        {
            ["instanceId"] = child.Id.ToString(),
            ["status"] = child.Status.ToString(),
            ["variables"] = child.Variables.DeepClone(),
        };
        return await WithConflictRetryAsync(parentId, null, async burst =>
        {
            var b = burst.Instance.Bookmarks.FirstOrDefault(x => x.Id == bookmarkId);
            if (b is null) return 0;
            await ResumeAsync(burst, b, null, payload, ct);
            return 1;
        }, ct) > 0;
    }
}
