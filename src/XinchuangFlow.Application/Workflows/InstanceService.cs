using System.Text.Json.Nodes;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Workflows;

/// <summary>An instance with everything an operator looks at.</summary>
public sealed record InstanceDetail(WorkflowInstance Instance, IReadOnlyList<HumanTask> Tasks, IReadOnlyList<Incident> Incidents, IReadOnlyList<JournalEntry> Journal,
    Engine.Definitions.WorkflowDefinitionModel Definition);

/// <summary>
/// Generic workflow instances: start (as the definition's start permission allows), read, list, and the operator's
/// actions (retry, cancel, migrate, signal) — the last ones for the Data Bureau only.
/// </summary>
public sealed class InstanceService(WorkflowRuntime runtime, IInstanceStore store, ITaskStore tasks, ICaseDirectory cases, AccessService access)
{
    /// <summary>Starts a definition through the generic way in; the engine enforces its start permission.</summary>
    public async Task<WorkflowInstance> StartAsync(Actor actor, string? definitionId, JsonObject? input, int? version, string? correlationId, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(definitionId)) throw new CaseValidationException("definitionId", "definitionId is required.");
        try
        {
            return await runtime.StartAsync(new StartRequest(definitionId, input, version, correlationId, actor.UserName,
                Caller: new StartCaller(actor.UserName, actor.Roles.ToList())), ct);
        }
        catch (WorkflowForbiddenException ex)
        {
            throw access.Denied(actor, $"start {definitionId}", ex.Message);
        }
    }

    public async Task<InstanceDetail> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var instance = await store.LoadInstanceAsync(id, ct) ?? throw new WorkflowNotFoundException($"Instance {id} does not exist.");
        if (!await access.MaySeeInstanceAsync(actor, instance, ct)) throw access.NotFound(actor, "instance", id);
        var open = await tasks.ListTasksAsync(new TaskQuery(InstanceId: id, Take: 1000), ct);
        var definition = (await runtime.Definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, ct)).Model;
        return new InstanceDetail(instance, open, await store.GetIncidentsAsync(id, ct), await store.GetJournalAsync(id, ct), definition);
    }

    public async Task<(IReadOnlyList<InstanceSummary> Items, int Total)> ListAsync(Actor actor, string? definitionId, WorkflowStatus? status, int? skip, int? take, CancellationToken ct = default)
    {
        var (s, t) = Paging.Check(skip, take, 50);
        return await cases.ListInstancesAsync(new InstanceQuery(definitionId, status, s, t), actor.UserName, access.ScopeOf(actor), access.IsWorkflowAdmin(actor), ct);
    }

    public Task<WorkflowInstance> RetryAsync(Actor actor, Guid id, CancellationToken ct = default) =>
        AsOperator(actor, "retry instances", () => runtime.RetryAsync(id, actor.UserName, ct));

    public Task<WorkflowInstance> CancelAsync(Actor actor, Guid id, CancellationToken ct = default) =>
        AsOperator(actor, "cancel instances", () => runtime.CancelAsync(id, actor.UserName, ct));

    public Task<WorkflowInstance> MigrateAsync(Actor actor, Guid id, int toVersion, CancellationToken ct = default) =>
        AsOperator(actor, "migrate instances", () => runtime.MigrateAsync(id, toVersion, actor.UserName, ct));

    public Task<SignalResult> SignalAsync(Actor actor, Guid id, string name, JsonNode? payload, TimeSpan? keepFor, CancellationToken ct = default) =>
        AsOperator(actor, "send signals", () => runtime.SendSignalAsync(name, id, payload, actor.UserName, keepFor, ct));

    private Task<T> AsOperator<T>(Actor actor, string action, Func<Task<T>> work) =>
        access.IsWorkflowAdmin(actor) ? work() : throw access.Denied(actor, action, "Only the Data Bureau's administrators operate on workflow instances.");
}
