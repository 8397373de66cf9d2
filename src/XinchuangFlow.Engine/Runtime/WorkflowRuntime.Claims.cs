using Microsoft.Extensions.Logging;
using XinchuangFlow.Engine.Abstractions;

namespace XinchuangFlow.Engine.Runtime;

// Claiming and releasing tasks, and telling inboxes that tasks changed.
public sealed partial class WorkflowRuntime
{
    /// <summary>
    /// Raised on this node after a commit that added, completed, cancelled or moved tasks, and after a claim or release,
    /// with the instances concerned. Inboxes refresh on it; other nodes' changes reach them by their periodic refresh.
    /// </summary>
    public event Action<IReadOnlyCollection<Guid>>? TasksChanged;

    private void RaiseTasksChanged(IReadOnlyCollection<Guid> instances)
    {
        if (instances.Count == 0 || TasksChanged is not { } handlers) return;
        foreach (var handler in handlers.GetInvocationList().Cast<Action<IReadOnlyCollection<Guid>>>())
        {
            try { handler(instances); }
            catch (Exception ex) { _log.LogWarning(ex, "A task-change listener failed"); }
        }
    }

    private static bool TouchesTasks(BurstChanges c) =>
        c.AddedTasks.Count > 0 || c.CompletedTask is not null || c.CancelledTasks.Count > 0 || c.ReassignedTasks.Count > 0 || c.Children.Any(TouchesTasks);

    /// <summary>
    /// <paramref name="user"/> takes an open task so that nobody else in the team works it. Claiming a task one already
    /// holds changes nothing. A task completed meanwhile gives <see cref="TaskAlreadyCompletedException"/>; one held by
    /// someone else gives <see cref="TaskClaimedException"/>.
    /// </summary>
    public async Task<HumanTask> ClaimTaskAsync(Guid taskId, string user, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(user)) throw new InvalidInputException(Problem.Of(EngineProblems.ClaimUserMissing, "user", "A task is claimed by a named user."));
        var task = await Store.FindTaskAsync(taskId, ct) ?? throw TaskNotFound(taskId);
        if (task.Status != HumanTaskStatus.Open) throw new TaskAlreadyCompletedException(taskId);
        if (string.Equals(task.ClaimedBy, user, StringComparison.OrdinalIgnoreCase)) return task;
        if (task.ClaimedBy is { } holder) throw new TaskClaimedException(taskId, holder);
        if (!await Store.SetClaimAsync(taskId, null, user, ct)) throw await WhyClaimFailedAsync(taskId, ct);
        task.ClaimedBy = user;
        RaiseTasksChanged([task.InstanceId]);
        return task;
    }

    /// <summary>Gives a claimed task back to the team. Releasing an unclaimed task changes nothing.</summary>
    public async Task<HumanTask> ReleaseTaskAsync(Guid taskId, CancellationToken ct = default)
    {
        var task = await Store.FindTaskAsync(taskId, ct) ?? throw TaskNotFound(taskId);
        if (task.Status != HumanTaskStatus.Open) throw new TaskAlreadyCompletedException(taskId);
        if (task.ClaimedBy is null) return task;
        if (!await Store.SetClaimAsync(taskId, task.ClaimedBy, null, ct)) throw await WhyClaimFailedAsync(taskId, ct);
        task.ClaimedBy = null;
        RaiseTasksChanged([task.InstanceId]);
        return task;
    }

    private async Task<Exception> WhyClaimFailedAsync(Guid taskId, CancellationToken ct)
    {
        var now = await Store.FindTaskAsync(taskId, ct);
        if (now is null || now.Status != HumanTaskStatus.Open) return new TaskAlreadyCompletedException(taskId);
        return now.ClaimedBy is { } holder ? new TaskClaimedException(taskId, holder) : new StateConflictException(Problem.Of(EngineProblems.TaskChanged, null, $"Task {taskId} changed meanwhile; try again."));
    }
}
