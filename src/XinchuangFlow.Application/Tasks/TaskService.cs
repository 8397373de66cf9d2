using System.Text.Json.Nodes;
using XinchuangFlow.Cases;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Tasks;

/// <summary>
/// Human tasks (the inbox's use cases): list, read, claim, release, reassign, complete, withdraw. Scope is the task's
/// case: a holder of the task's role sees and works it only when its ticket or complaint is in their scope (SEC-2).
/// The activity's own rules on the completion data apply here as on every other way in, because the engine checks them.
/// </summary>
public sealed class TaskService(ICaseDirectory cases, ITaskStore store, WorkflowRuntime runtime, AccessService access, IUserDirectory users)
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
        var task = await store.FindTaskAsync(id, ct) ?? throw new NotFoundException(Problem.Of(EngineProblems.TaskNotFound, null, $"Task {id} does not exist.", ("id", id)));
        if (await access.RightOnTaskAsync(actor, task, ct) == TaskRight.None) throw access.NotFound(actor, "task", id);
        return task;
    }

    /// <summary>Completes a task by an outcome key with form data; 409 when someone else completed or holds it.</summary>
    public async Task<WorkflowInstance> CompleteAsync(Actor actor, Guid id, string? outcome, JsonObject? data, CancellationToken ct = default)
    {
        await EnsureMayChangeAsync(actor, "complete tasks", id, ct);
        if (string.IsNullOrWhiteSpace(outcome)) throw new InvalidInputException(Problem.Of(TextProblems.Required, "outcome", "outcome (the outcome's key) is required."));
        var task = await GetAsync(actor, id, ct);
        EnsureNotHeldByOther(actor, task);
        return await runtime.CompleteTaskAsync(task.Id, outcome, data, actor.UserName, ct);
    }

    /// <summary>Takes a team task so that nobody else works it (idempotent for the holder; 409 when someone else has it).</summary>
    public async Task<HumanTask> ClaimAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        await EnsureMayChangeAsync(actor, "claim tasks", id, ct);
        var task = await GetAsync(actor, id, ct);
        if (task.Status != HumanTaskStatus.Open) throw new TaskAlreadyCompletedException(id);
        if (task.AssigneeUser is { } assignee && !string.Equals(assignee, actor.UserName, StringComparison.OrdinalIgnoreCase))
            throw new StateConflictException(Problem.Of(TaskProblems.AssignedPersonally, null, $"Task {id} is assigned to {assignee} personally; it cannot be claimed.", ("assignee", assignee)));
        if (task.AssigneeUser is not null) return task; // one's own task needs no claim
        return await runtime.ClaimTaskAsync(id, actor.UserName!, ct);
    }

    /// <summary>Gives a claimed task back to the team: by its holder, or by a team lead.</summary>
    public async Task<HumanTask> ReleaseAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        await EnsureMayChangeAsync(actor, "release tasks", id, ct);
        var task = await GetAsync(actor, id, ct);
        if (task.ClaimedBy is { } holder && !string.Equals(holder, actor.UserName, StringComparison.OrdinalIgnoreCase) && !access.LeadsTeam(actor))
            throw access.Denied(actor, "release a task", $"Task {id} is held by {holder}; only they or a team lead release it.");
        return await runtime.ReleaseTaskAsync(id, ct);
    }

    /// <summary>
    /// Hands a task to another member of the team with a reason: by the task's holder or a team lead. The new assignee
    /// must be able to work it under the same rules (the task's role and the case in their scope); a technician's own
    /// steps move with a re-dispatch instead. The case history records who, to whom and why. A name that is no user and
    /// a user who may not take the task get the same 400 (same field, same text): the answer tells no one which names exist.
    /// </summary>
    public async Task<HumanTask> ReassignAsync(Actor actor, Guid id, string? toUser, string? reason, CancellationToken ct = default)
    {
        access.EnsureMayChange(actor, "hand tasks over");
        var task = await GetAsync(actor, id, ct);
        if (task.Status != HumanTaskStatus.Open) throw new TaskAlreadyCompletedException(id);
        var holds = string.Equals(task.AssigneeUser, actor.UserName, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(task.ClaimedBy, actor.UserName, StringComparison.OrdinalIgnoreCase);
        if (!holds && !access.LeadsTeam(actor))
            throw access.Denied(actor, "reassign a task", "Only the task's holder or a team lead hands it to someone else.");
        var errors = new ProblemList();
        errors.AddIf(TextRules.Check(reason, "reason", 1000, multiline: true));
        if (string.IsNullOrWhiteSpace(toUser)) errors.Add(Problem.Of(TextProblems.Required, "toUser", "Name the person who takes the task over."));
        errors.ThrowIfAny();
        if (task.AssigneeRole is null)
            throw new InvalidInputException(Problem.Of(TaskProblems.TechniciansStep, "toUser", "This step belongs to the dispatched technician; re-dispatch the ticket to move it."));
        // The new assignee must be able to work the task as an unassigned team task. Somebody who is not a user and
        // somebody who may not take the task get the same answer, so that the form tells nobody which names exist.
        var notEligible = new InvalidInputException(Problem.Of(TaskProblems.NotEligible, "toUser",
            $"The person named cannot take this task over: it goes to a user with the role {task.AssigneeRole} who has the case in their scope.", ("role", task.AssigneeRole)));
        var target = await users.FindAsync(toUser!.Trim(), ct) ?? throw notEligible;
        var offered = new HumanTask { Id = task.Id, InstanceId = task.InstanceId, AssigneeRole = task.AssigneeRole };
        if (await access.RightOnTaskAsync(target.ToActor(), offered, ct) == TaskRight.None) throw notEligible;
        var caseRef = await cases.CaseOfInstanceAsync(task.InstanceId, ct);
        var from = task.ClaimedBy ?? task.AssigneeUser;
        var done = await runtime.AmendAsync(task.InstanceId, actor.UserName, $"task {task.ActivityId} reassigned to {target.UserName}: {reason}", amendment =>
        {
            amendment.ReassignTask(task.Id, target.UserName);
            if (caseRef is not null)
                amendment.Record(caseRef, "taskReassigned", $"「{task.Title}」转交{target.DisplayName ?? target.UserName}：{reason}",
                    new JsonObject { ["task"] = task.Id.ToString(), ["from"] = from, ["to"] = target.UserName, ["reason"] = reason });
            return Task.FromResult(true);
        }, ct);
        if (!done) throw new StateConflictException(Problem.Of(TaskProblems.ClosedMeanwhile, null, $"Task {id} is no longer open; it was not reassigned."));
        return await store.FindTaskAsync(id, ct) ?? task;
    }

    /// <summary>
    /// Completes the open task of <paramref name="instanceId"/> that plays <paramref name="taskKind"/> (see
    /// <see cref="TaskKinds"/>), offers <paramref name="outcome"/> and that the actor may work on — found by what the task
    /// is, never by its step's id, so an edited flow keeps working. The page sends what its kind knows; the task keeps
    /// the fields its form declares (a form without fields takes everything). Returns null when there is none.
    /// </summary>
    public async Task<HumanTask?> CompleteOpenAsync(Actor actor, Guid instanceId, string taskKind, string outcome, JsonObject data, CancellationToken ct = default)
    {
        if (!AccessService.SupervisionActs.Contains(taskKind)) access.EnsureMayChange(actor, "complete tasks");
        foreach (var task in await store.ListTasksAsync(new TaskQuery(InstanceId: instanceId, Status: HumanTaskStatus.Open, TaskKind: taskKind), ct))
        {
            if (!task.HasOutcome(outcome) || await access.RightOnTaskAsync(actor, task, ct) == TaskRight.None) continue;
            EnsureNotHeldByOther(actor, task);
            await runtime.CompleteTaskAsync(task.Id, outcome, Declared(task, data), actor.UserName, ct);
            return task;
        }
        return null;
    }

    /// <summary>The open tasks of <paramref name="taskKind"/> the actor may see (a page asks which of its cases wait on a part).</summary>
    public async Task<IReadOnlyList<HumanTask>> OpenOfKindAsync(Actor actor, string taskKind, int take = 100, CancellationToken ct = default) =>
        (await ListAsync(actor, new TaskFilter(Status: HumanTaskStatus.Open, TaskKind: taskKind, Take: take), ct)).Items;

    /// <summary><paramref name="data"/> cut to the fields the task's form declares (all of it when the form declares none).</summary>
    private static JsonObject Declared(HumanTask task, JsonObject data)
    {
        if (task.Form.Count == 0) return data;
        var kept = new JsonObject();
        foreach (var (name, value) in data)
            if (task.Form.Any(f => f.Name == name)) kept[name] = value?.DeepClone();
        return kept;
    }

    /// <summary>An administrator withdraws an open task with a reason; the flow goes on along the task's "withdrawn" port.</summary>
    public async Task<WorkflowInstance> WithdrawAsync(Actor actor, Guid id, string? reason, CancellationToken ct = default)
    {
        access.EnsureMayChange(actor, "withdraw tasks");
        if (!access.IsWorkflowAdmin(actor)) throw access.Denied(actor, "withdraw a task", "Only an administrator withdraws tasks.");
        if (reason is null || !TextRules.HasVisibleText(reason)) throw new InvalidInputException(Problem.Of(TextProblems.Required, "reason", "Withdrawing a task needs a reason."));
        return await runtime.WithdrawTaskAsync(id, reason, actor.UserName, ct);
    }

    /// <summary>
    /// A read-only supervisor changes nothing (a logged 403, before anything about the task is told), except the tasks that
    /// are its supervision acts (<see cref="AccessService.SupervisionActs"/>), which the usual rights then decide.
    /// </summary>
    private async Task EnsureMayChangeAsync(Actor actor, string action, Guid id, CancellationToken ct)
    {
        if (!access.IsReadOnly(actor)) return;
        if ((await store.FindTaskAsync(id, ct))?.TaskKind is { } kind && AccessService.SupervisionActs.Contains(kind)) return;
        access.EnsureMayChange(actor, action);
    }

    /// <summary>A task claimed by a team mate is theirs to finish (the Data Bureau may still act).</summary>
    private void EnsureNotHeldByOther(Actor actor, HumanTask task)
    {
        if (task.ClaimedBy is { } holder && !string.Equals(holder, actor.UserName, StringComparison.OrdinalIgnoreCase) && !access.IsWorkflowAdmin(actor))
            throw new TaskClaimedException(task.Id, holder);
    }
}
