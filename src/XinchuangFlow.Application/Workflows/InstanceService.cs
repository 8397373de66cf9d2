using System.Text.Json.Nodes;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Workflows;

/// <summary>
/// Generic workflow instances: start (as the definition's start permission allows), read, list, and the operator's
/// actions (retry, cancel, migrate, signal) — the last ones for the Data Bureau only.
/// </summary>
public sealed class InstanceService(WorkflowRuntime runtime, IInstanceStore store, ITaskStore tasks, ICaseDirectory cases, AccessService access,
    Audit.IAuditLog audit, TimeProvider clock)
{
    /// <summary>Starts a definition through the generic way in; the engine enforces its start permission.</summary>
    public async Task<WorkflowInstance> StartAsync(Actor actor, string? definitionId, JsonObject? input, int? version, string? correlationId, CancellationToken ct = default)
    {
        access.EnsureMayChange(actor, "start flows");
        if (string.IsNullOrWhiteSpace(definitionId)) throw new InvalidInputException(Problem.Of(Engine.Runtime.EngineProblems.DefinitionIdMissing, "definitionId", "definitionId is required."));
        try
        {
            return await runtime.StartAsync(new StartRequest(definitionId, input, version, correlationId, actor.UserName,
                Caller: new StartCaller(actor.UserName, actor.Roles.ToList())), ct);
        }
        catch (ForbiddenException ex)
        {
            throw access.Denied(actor, $"start {definitionId}", ex.Problems[0]);
        }
    }

    public async Task<InstanceDetail> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var instance = await store.LoadInstanceAsync(id, ct) ?? throw new NotFoundException(Problem.Of(Engine.Runtime.EngineProblems.InstanceNotFound, null, $"Instance {id} does not exist.", ("id", id)));
        if (!await access.MaySeeInstanceAsync(actor, instance, ct)) throw access.NotFound(actor, "instance", id);
        var open = await tasks.ListTasksAsync(new TaskQuery(InstanceId: id, Take: 1000), ct);
        var definition = (await runtime.Definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, ct)).Model;
        return new InstanceDetail(instance, open, await store.GetIncidentsAsync(id, ct), await store.GetJournalAsync(id, ct), definition);
    }

    public Task<(IReadOnlyList<InstanceSummary> Items, int Total)> ListAsync(Actor actor, string? definitionId, WorkflowStatus? status, int? skip, int? take, CancellationToken ct = default) =>
        ListAsync(actor, new InstanceFilter(definitionId, Status: status), skip, take, ct);

    /// <summary>Instances the actor may see, filtered (definition, version, status, open incidents, start period, case number), newest first.</summary>
    public async Task<(IReadOnlyList<InstanceSummary> Items, int Total)> ListAsync(Actor actor, InstanceFilter filter, int? skip, int? take, CancellationToken ct = default)
    {
        var (s, t) = Paging.Check(skip, take, 50);
        return await cases.ListInstancesAsync(filter, s, t, actor.UserName, access.ScopeOf(actor), access.IsWorkflowAdmin(actor), ct);
    }

    public Task<WorkflowInstance> RetryAsync(Actor actor, Guid id, CancellationToken ct = default) =>
        AsOperator(actor, "retry instances", async () => await AuditedAsync(actor, "retry", null, await runtime.RetryAsync(id, actor.UserName, ct), ct));

    public Task<WorkflowInstance> CancelAsync(Actor actor, Guid id, CancellationToken ct = default) =>
        AsOperator(actor, "cancel instances", async () => await AuditedAsync(actor, "cancel", null, await runtime.CancelAsync(id, actor.UserName, ct), ct));

    public Task<WorkflowInstance> MigrateAsync(Actor actor, Guid id, int toVersion, CancellationToken ct = default) =>
        AsOperator(actor, "migrate instances", async () =>
        {
            var before = (await store.LoadInstanceAsync(id, ct))?.DefinitionVersion;
            return await AuditedAsync(actor, "migrate", $"v{before} → v{toVersion}", await runtime.MigrateAsync(id, toVersion, actor.UserName, ct), ct);
        });

    /// <summary>Operators' actions on instances go to the audit log (who, when, what, the status after).</summary>
    private async Task<WorkflowInstance> AuditedAsync(Actor actor, string action, string? comment, WorkflowInstance instance, CancellationToken ct)
    {
        await audit.RecordAsync(new Audit.AuditEntry
        {
            Id = Guid.CreateVersion7(), At = clock.GetUtcNow(), User = actor.UserName, EntityKind = "instance", EntityId = instance.Id.ToString(),
            Action = action, Comment = comment, Version = instance.DefinitionVersion, After = instance.Status.ToString(),
        }, ct);
        return instance;
    }

    public Task<SignalResult> SignalAsync(Actor actor, Guid id, string name, JsonNode? payload, TimeSpan? keepFor, CancellationToken ct = default) =>
        AsOperator(actor, "send signals", () => keepFor is { } keep && (keep <= TimeSpan.Zero || keep > MaxSignalKeep)
            ? throw new InvalidInputException(Problem.Of(Engine.Runtime.EngineProblems.SignalKeepFor, "keepFor",
                $"A signal is kept for more than no time and at most {MaxSignalKeep.TotalDays:0} days.", ("max", MaxSignalKeep)))
            : runtime.SendSignalAsync(name, id, payload, actor.UserName, keepFor, ct));

    /// <summary>The longest a persistent signal waits for the wait that takes it.</summary>
    public static readonly TimeSpan MaxSignalKeep = TimeSpan.FromDays(366);

    private Task<T> AsOperator<T>(Actor actor, string action, Func<Task<T>> work) =>
        access.IsWorkflowAdmin(actor) ? work() : throw access.Denied(actor, action, "Only the Data Bureau's administrators operate on workflow instances.");
}
