namespace XinchuangFlow.Engine.Runtime;

/// <summary>A request named something that does not exist (maps to 404).</summary>
public sealed class WorkflowNotFoundException(string message) : Exception(message);

/// <summary>Input the caller sent is invalid (maps to 400); every problem is listed, by field where it has one.</summary>
public sealed class WorkflowInputException : Exception
{
    public WorkflowInputException(IReadOnlyList<string> errors) : base(string.Join("; ", errors))
    {
        Errors = errors;
        FieldErrors = new Dictionary<string, string[]>();
    }

    public WorkflowInputException(string error) : this([error]) { }

    /// <summary>Problems of named fields (form fields, inputs): the field name → its messages.</summary>
    public WorkflowInputException(IReadOnlyDictionary<string, string[]> fieldErrors)
        : base(string.Join("; ", fieldErrors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))))
    {
        FieldErrors = fieldErrors;
        Errors = fieldErrors.SelectMany(e => e.Value).ToList();
    }

    public IReadOnlyList<string> Errors { get; }
    public IReadOnlyDictionary<string, string[]> FieldErrors { get; }
}

/// <summary>The caller may not do this (maps to 403), e.g. start a definition whose start permission excludes them.</summary>
public sealed class WorkflowForbiddenException(string message) : Exception(message);

/// <summary>The request does not fit the instance's state (maps to 409).</summary>
public sealed class WorkflowStateException(string message) : Exception(message);

/// <summary>The task is held by another person (maps to 409): claim it after they release it.</summary>
public sealed class TaskClaimedException(Guid taskId, string holder) : Exception($"Task {taskId} is claimed by {holder}.")
{
    public Guid TaskId { get; } = taskId;
    public string Holder { get; } = holder;
}
