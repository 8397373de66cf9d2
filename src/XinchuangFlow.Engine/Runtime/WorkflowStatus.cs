namespace XinchuangFlow.Engine.Runtime;

/// <summary>Lifecycle of a workflow instance.</summary>
public enum WorkflowStatus
{
    /// <summary>Has work queued that no burst has finished yet (accepted but not run, or interrupted by a crash).</summary>
    Running = 0,
    /// <summary>Every path waits on a bookmark.</summary>
    Waiting = 1,
    /// <summary>All paths ended.</summary>
    Finished = 2,
    /// <summary>An activity failed; an open incident says why. Retry or cancel.</summary>
    Faulted = 3,
    /// <summary>Cancelled by a user or by the API.</summary>
    Cancelled = 4,
}
