using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Activities;

namespace XinchuangFlow.Engine.Runtime;

/// <summary>
/// The interpreter. Every public operation is one or more bursts; each burst is committed in one store
/// transaction (timer batches group several bursts into one transaction).
/// </summary>
public sealed partial class WorkflowRuntime
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
            throw new NotFoundException(request.Version is null
                ? Problem.Of(EngineProblems.NotPublished, null, $"Workflow definition '{request.DefinitionId}' has no published version.", ("definition", request.DefinitionId))
                : Problem.Of(EngineProblems.VersionNotFound, null, $"Workflow definition '{request.DefinitionId}' version {request.Version} does not exist.",
                    ("definition", request.DefinitionId), ("version", request.Version)));
        if (record.Status != DefinitionStatus.Published)
            throw new StateConflictException(Problem.Of(EngineProblems.StartNotPublished, null,
                $"Workflow definition '{request.DefinitionId}' version {record.Version} is {record.Status}; only a published version can start instances.",
                ("definition", request.DefinitionId), ("version", record.Version), ("status", record.Status)));
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
            throw new ForbiddenException(Problem.Of(EngineProblems.StartUseCaseOnly, null,
                $"Workflow '{def.DefinitionId}' is started only by its own use case (e.g. recording a request), not directly.", ("definition", def.DefinitionId)));
        var roles = permission?.Roles is { Count: > 0 } r ? r : Options.DefaultStartRoles;
        if (roles.Contains(XinchuangFlow.Engine.Definitions.StartPermission.AnySignedIn) ? caller.User is null : !roles.Any(caller.Roles.Contains))
            throw new ForbiddenException(Problem.Of(EngineProblems.StartRolesOnly, null,
                $"Workflow '{def.DefinitionId}' may be started by {string.Join(", ", roles)} only.", ("definition", def.DefinitionId), ("roles", roles.ToArray())));
    }

    private WorkflowInstance NewInstance(CompiledDefinition def, JsonObject input, string? correlationId, string? user, Guid? parent, Guid? parentBookmark)
    {
        var errors = new List<Problem>();
        var vars = new JsonObject();
        foreach (var variable in def.Model.Variables)
        {
            var value = input.TryGetPropertyValue(variable.Name, out var given) ? given?.DeepClone() : variable.Default?.DeepClone();
            if (value is not null && !VariableTypes.Matches(variable.Type, value))
                errors.Add(Problem.Of(EngineProblems.InputType, null, $"Input '{variable.Name}' must be of type {variable.Type}.", ("name", variable.Name), ("type", variable.Type)));
            vars[variable.Name] = value;
        }
        if (errors.Count > 0) throw new InvalidInputException(errors);
        var start = def.Model.Activities.FirstOrDefault(a => Registry.FindDescriptor(a.Type)?.IsStart == true)
                    ?? throw new StateConflictException(Problem.Of(EngineProblems.NoStart, null, $"Workflow definition '{def.DefinitionId}' v{def.Version} has no Start activity.",
                        ("definition", def.DefinitionId), ("version", def.Version)));
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
                     ?? throw new StateConflictException(Problem.Of(EngineProblems.NotPublished, null, $"Sub-workflow '{definitionId}' has no published version.", ("definition", definitionId)));
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


    // ---------------------------------------------------------------- shared prologues

    /// <summary>The stored instance; 404 when there is none.</summary>
    private async Task<WorkflowInstance> LoadAsync(Guid instanceId, CancellationToken ct) =>
        await Store.LoadInstanceAsync(instanceId, ct) ?? throw InstanceNotFound(instanceId);

    /// <summary>The 404 of an instance that does not exist.</summary>
    internal static NotFoundException InstanceNotFound(Guid id) =>
        new(Problem.Of(EngineProblems.InstanceNotFound, null, $"Instance {id} does not exist.", ("id", id)));

    /// <summary>The 404 of a task that does not exist.</summary>
    internal static NotFoundException TaskNotFound(Guid id) =>
        new(Problem.Of(EngineProblems.TaskNotFound, null, $"Task {id} does not exist.", ("id", id)));

    /// <summary>A burst on a stored instance, with the definition version it runs on.</summary>
    private async Task<Burst> BurstOnAsync(WorkflowInstance instance, string? user, CancellationToken ct) =>
        new(this, instance, await Definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, ct), isNew: false, user);

    /// <summary>An open task with its waiting instance and bookmark; 404 / 409 with a clear reason otherwise.</summary>
    private async Task<(HumanTask Task, WorkflowInstance Instance, Bookmark Bookmark)> LoadOpenTaskAsync(Guid taskId, string doing, CancellationToken ct)
    {
        var (task, loaded) = await Store.FindTaskWithInstanceAsync(taskId, ct) ?? throw TaskNotFound(taskId);
        if (task.Status != HumanTaskStatus.Open) throw new TaskAlreadyCompletedException(taskId);
        var instance = loaded ?? throw InstanceNotFound(task.InstanceId);
        var bookmark = instance.Bookmarks.FirstOrDefault(b => b.Id == task.BookmarkId) ?? throw new TaskAlreadyCompletedException(taskId);
        if (instance.Status is not (WorkflowStatus.Waiting or WorkflowStatus.Running))
            throw new StateConflictException(Problem.Of(EngineProblems.InstanceNotActive, null, $"Instance {instance.Id} is {instance.Status}; its tasks cannot be {doing}.", ("status", instance.Status)));
        return (task, instance, bookmark);
    }

    /// <summary>Runs <paramref name="attempt"/> again (it reloads) when its commit meets a concurrent change, up to the configured retries.</summary>
    private async Task<T> RetryOnConflictAsync<T>(Func<Task<T>> attempt)
    {
        for (var n = 1; ; n++)
        {
            try { return await attempt(); }
            catch (ConcurrencyConflictException) when (n < Options.ConflictRetries) { }
        }
    }

    // ---------------------------------------------------------------- tasks

    /// <summary>
    /// Completes a human task with an outcome and form data, and runs the instance to its next wait.
    /// Exactly one of several concurrent completions wins; the others get <see cref="TaskAlreadyCompletedException"/>.
    /// </summary>
    public Task<WorkflowInstance> CompleteTaskAsync(Guid taskId, string outcome, JsonObject? data, string? user, CancellationToken ct = default) =>
        // A retry after a conflict (e.g. a timer on a parallel path) reloads; it reports "already completed" if that
        // other burst was a completion of this task.
        RetryOnConflictAsync(async () =>
        {
            var (task, instance, bookmark) = await LoadOpenTaskAsync(taskId, "completed", ct);
            if (!task.HasOutcome(outcome))
                throw new InvalidInputException(Problem.Of(EngineProblems.OutcomeUnknown, "outcome",
                    $"Outcome '{outcome}' is not one of this task's outcome keys: {string.Join(", ", task.Outcomes.Select(o => $"{o.Key} ({o.Name})"))}.", ("outcome", outcome)));
            var cleaned = FormValidator.Validate(task.Form, data);
            var burst = await BurstOnAsync(instance, user, ct);
            // The activity's own rules on the data hold whichever way the task is completed.
            if (burst.Definition.Find(task.ActivityId) is { } taskModel && Registry.Find(taskModel.Type) is ITaskCompletionRules rules
                && rules.CheckCompletion(task, outcome, cleaned) is { Count: > 0 } problems)
                throw new InvalidInputException(problems);
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
            await CommitAndFollowUpAsync(burst, ct);
            return instance;
        });

    // ---------------------------------------------------------------- signals

    /// <summary>Resumes every bookmark waiting for <paramref name="signal"/> (of one instance, or all). Returns how many.</summary>
    public async Task<int> SignalAsync(string signal, Guid? instanceId, JsonNode? payload, string? user, CancellationToken ct = default)
    {
        var bookmarks = await Store.FindSignalBookmarksAsync(signal, instanceId, ct);
        // Only when nothing waits is it worth a read to tell "no such instance" from "not waiting for this".
        if (bookmarks.Count == 0 && instanceId is { } id && await Store.LoadInstanceAsync(id, ct) is null)
            throw InstanceNotFound(id);
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
        if (string.IsNullOrWhiteSpace(signal)) throw new InvalidInputException(Problem.Of(EngineProblems.SignalNameMissing, "signal", "The signal name is empty."));
        if (keepFor is { } k && (k <= TimeSpan.Zero || k > Options.MaxSignalTtl))
            throw new InvalidInputException(Problem.Of(EngineProblems.SignalKeepFor, "keepFor", $"keepFor must be positive and at most {Options.MaxSignalTtl}.", ("max", Options.MaxSignalTtl)));
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
            throw new StateConflictException(Problem.Of(EngineProblems.SignalNotKept, null, $"Instance {instanceId} is {gone.Status}; the signal '{signal}' was not kept.", ("status", gone.Status), ("signal", signal)));
        return outcome == 2 ? new SignalResult(1, false) : new SignalResult(0, outcome == 1, outcome == 1 ? until : null);
    }

    /// <summary>
    /// An administrator withdraws an open task with a reason: the task is cancelled and its activity continues on the
    /// optional <c>withdrawn</c> port (the path ends there when the port is not connected). 409 when it is no longer open.
    /// </summary>
    public Task<WorkflowInstance> WithdrawTaskAsync(Guid taskId, string reason, string? user, CancellationToken ct = default) =>
        RetryOnConflictAsync(async () =>
        {
            var (task, instance, bookmark) = await LoadOpenTaskAsync(taskId, "withdrawn", ct);
            var burst = await BurstOnAsync(instance, user, ct);
            burst.Changes.CancelledTasks.Add(task.Id);
            burst.Journal(JournalKind.TaskWithdrawn, task.ActivityId, burst.Definition.Find(task.ActivityId)?.Type, Activities.Builtin.UserTaskActivity.Withdrawn,
                Clock.GetUtcNow(), new JsonObject { ["taskId"] = task.Id.ToString(), ["reason"] = reason }, user);
            await ResumeAsync(burst, bookmark, Activities.Builtin.UserTaskActivity.Withdrawn, new JsonObject { ["reason"] = reason }, ct);
            await CommitAndFollowUpAsync(burst, ct);
            return instance;
        });

    /// <summary>
    /// Changes a waiting instance outside its flow (a re-dispatch, for example) in one transaction with the
    /// instance: <paramref name="amend"/> may set variables, move open tasks and stage domain rows; it returns false
    /// to abandon. It runs again on a concurrency conflict, so it must only depend on what it reads. Returns false
    /// when the instance is not waiting or running, or <paramref name="amend"/> abandoned.
    /// </summary>
    public async Task<bool> AmendAsync(Guid instanceId, string? user, string reason, Func<InstanceAmendment, Task<bool>> amend, CancellationToken ct = default) =>
        await WithConflictRetryAsync(instanceId, user, async burst =>
        {
            if (!await amend(new InstanceAmendment(burst, ct))) return 0;
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
            var burst = await BurstOnAsync(instance, user, ct);
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
}
