namespace XinchuangFlow.Kernel;

/// <summary>The request does not fit the current state (409).</summary>
public class StateConflictException(string message, string code = "conflict", Exception? inner = null)
    : XfException(ProblemKind.Conflict, code, message, null, inner);
