namespace XinchuangFlow.Engine.Runtime;

/// <summary>The task was already completed or cancelled.</summary>
public sealed class TaskAlreadyCompletedException(Guid taskId) : StateConflictException($"Task {taskId} has already been completed.", "already-completed")
{
    public Guid TaskId { get; } = taskId;
}
