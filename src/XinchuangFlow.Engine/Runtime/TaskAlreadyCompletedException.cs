namespace XinchuangFlow.Engine.Runtime;

/// <summary>The task was already completed or cancelled.</summary>
public sealed class TaskAlreadyCompletedException(Guid taskId)
    : StateConflictException(Problem.Of(EngineProblems.AlreadyCompleted, null, $"Task {taskId} has already been completed."), "already-completed")
{
    public Guid TaskId { get; } = taskId;
}
