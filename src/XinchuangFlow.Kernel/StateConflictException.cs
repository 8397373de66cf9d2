namespace XinchuangFlow.Kernel;

/// <summary>
/// The request does not fit the current state (409): its code says which kind of conflict for clients
/// (<c>conflict</c>, <c>claimed</c> …), the problem what happened in words a person reads.
/// </summary>
public class StateConflictException : XfException
{
    public StateConflictException(Problem problem, string code = "conflict", Exception? inner = null)
        : base(ProblemKind.Conflict, code, problem.Message, [problem], inner) { }

    [Obsolete(InvalidInputException.Uncoded)]
    public StateConflictException(string message, string code = "conflict", Exception? inner = null)
        : base(ProblemKind.Conflict, code, message, null, inner) { }
}
