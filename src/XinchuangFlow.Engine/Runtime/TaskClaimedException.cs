namespace XinchuangFlow.Engine.Runtime;

/// <summary>The task is held by another person (maps to 409): claim it after they release it.</summary>
public sealed class TaskClaimedException(Guid taskId, string holder)
    : StateConflictException(Problem.Of(EngineProblems.Claimed, null, $"Task {taskId} is claimed by {holder}.", ("holder", holder)), "claimed")
{
    public Guid TaskId { get; } = taskId;
    public string Holder { get; } = holder;
}
