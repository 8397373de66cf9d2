namespace XinchuangFlow.Engine.Runtime;

/// <summary>A request named something that does not exist (maps to 404).</summary>
public sealed class WorkflowNotFoundException(string message) : Exception(message);

/// <summary>Input the caller sent is invalid (maps to 400); every problem is listed.</summary>
public sealed class WorkflowInputException(IReadOnlyList<string> errors)
    : Exception(string.Join("; ", errors))
{
    public WorkflowInputException(string error) : this([error]) { }
    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>The request does not fit the instance's state (maps to 409).</summary>
public sealed class WorkflowStateException(string message) : Exception(message);
