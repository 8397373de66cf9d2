using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Engine.Abstractions;

/// <summary>Everything the runtime persists, by role; a store implements all four.</summary>
public interface IWorkflowStore : IDefinitionStore, IInstanceStore, ITaskStore, ITimerStore
{
    /// <summary>
    /// A task with its instance and the instance's bookmarks, read in one round trip (completing a task needs all three):
    /// null when the task does not exist; a null instance when the task's instance does not.
    /// </summary>
    Task<(HumanTask Task, WorkflowInstance? Instance)?> FindTaskWithInstanceAsync(Guid taskId, CancellationToken ct = default);
}
