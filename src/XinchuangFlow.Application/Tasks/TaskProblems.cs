namespace XinchuangFlow.Application.Tasks;

/// <summary>Problem codes of working tasks (<see cref="TaskService"/>); the engine's own are <see cref="Engine.Runtime.EngineProblems"/>.</summary>
[ProblemCodes]
public static class TaskProblems
{
    /// <summary>Arguments: assignee (the user the task is assigned to).</summary>
    public const string AssignedPersonally = "task-assigned-personally";
    /// <summary>Arguments: field (toUser).</summary>
    public const string TechniciansStep = "task-technicians-step";
    /// <summary>Arguments: field (toUser), role (the task's role key).</summary>
    public const string NotEligible = "task-not-eligible";
    /// <summary>No arguments: the task closed before it was handed over.</summary>
    public const string ClosedMeanwhile = "task-closed-meanwhile";
}
