using System.Text.Json.Nodes;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Tasks;

/// <summary>
/// Human tasks (the inbox's use cases): list, read, complete, withdraw. Scope is the task's case: a holder of the
/// task's role sees and works it only when its ticket or complaint is in their scope (SEC-2). The activity's own rules
/// on the completion data apply here as on every other way in, because the engine checks them.
/// </summary>
public sealed class TaskService(ICaseDirectory cases, ITaskStore store, WorkflowRuntime runtime, AccessService access)
{
    public async Task<(IReadOnlyList<HumanTask> Items, int Total)> ListAsync(Actor actor, TaskFilter filter, CancellationToken ct = default)
    {
        var (skip, take) = Paging.Check(filter.Skip, filter.Take, 100);
        var everything = access.IsWorkflowAdmin(actor);
        if (!everything)
        {
            if (filter.AssigneeUser is { } a && !string.Equals(a, actor.UserName, StringComparison.OrdinalIgnoreCase))
                throw access.Denied(actor, "list tasks", "You may list your own tasks only (assignee must be you).");
            if (filter.Role is { } r && !actor.IsInRole(r))
                throw access.Denied(actor, "list tasks", $"You do not hold the role {r}.");
        }
        var roles = filter.Role is { } role ? [role] : actor.Roles.ToList();
        return await cases.ListTasksAsync(filter, skip, take, actor.UserName, roles, access.ScopeOf(actor), everything, ct);
    }

    /// <summary>A task the actor may work on; anything else is a logged 404.</summary>
    public async Task<HumanTask> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var task = await store.FindTaskAsync(id, ct) ?? throw new WorkflowNotFoundException($"Task {id} does not exist.");
        if (await access.RightOnTaskAsync(actor, task, ct) == TaskRight.None) throw access.NotFound(actor, "task", id);
        return task;
    }

    /// <summary>Completes a task by an outcome key with form data; 409 when someone else completed it first.</summary>
    public async Task<WorkflowInstance> CompleteAsync(Actor actor, Guid id, string? outcome, JsonObject? data, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(outcome)) throw new CaseValidationException("outcome", "outcome (the outcome's key) is required.");
        var task = await GetAsync(actor, id, ct);
        return await runtime.CompleteTaskAsync(task.Id, outcome, data, actor.UserName, ct);
    }

    /// <summary>
    /// Completes the open task of <paramref name="instanceId"/> that offers <paramref name="outcome"/> and that the actor
    /// may work on. Returns null when there is none.
    /// </summary>
    public async Task<HumanTask?> CompleteOpenAsync(Actor actor, Guid instanceId, string outcome, JsonObject data, CancellationToken ct = default)
    {
        foreach (var task in await store.ListTasksAsync(new TaskQuery(InstanceId: instanceId, Status: HumanTaskStatus.Open), ct))
        {
            if (!task.HasOutcome(outcome) || await access.RightOnTaskAsync(actor, task, ct) == TaskRight.None) continue;
            await runtime.CompleteTaskAsync(task.Id, outcome, data, actor.UserName, ct);
            return task;
        }
        return null;
    }

    /// <summary>An administrator withdraws an open task with a reason; the flow goes on along the task's "withdrawn" port.</summary>
    public async Task<WorkflowInstance> WithdrawAsync(Actor actor, Guid id, string? reason, CancellationToken ct = default)
    {
        if (!access.IsWorkflowAdmin(actor)) throw access.Denied(actor, "withdraw a task", "Only an administrator withdraws tasks.");
        if (reason is null || !Domain.Tickets.TextRules.HasVisibleText(reason)) throw new CaseValidationException("reason", "Withdrawing a task needs a reason.");
        return await runtime.WithdrawTaskAsync(id, reason, actor.UserName, ct);
    }
}
