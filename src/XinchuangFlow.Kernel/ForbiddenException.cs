namespace XinchuangFlow.Kernel;

/// <summary>The caller may not do this, and may know that the thing exists (403); the code is <c>forbidden</c>, the problem says why.</summary>
public sealed class ForbiddenException : XfException
{
    public ForbiddenException(Problem problem) : base(ProblemKind.Forbidden, "forbidden", problem.Message, [problem]) { }

    [Obsolete(InvalidInputException.Uncoded)]
    public ForbiddenException(string message) : base(ProblemKind.Forbidden, "forbidden", message) { }
}
