namespace XinchuangFlow.Kernel;

/// <summary>The thing named does not exist, or the caller may not learn that it does (404); the code is <c>not-found</c>, the problem says what was not found.</summary>
public sealed class NotFoundException : XfException
{
    public NotFoundException(Problem problem) : base(ProblemKind.NotFound, "not-found", problem.Message, [problem]) { }

    [Obsolete(InvalidInputException.Uncoded)]
    public NotFoundException(string message) : base(ProblemKind.NotFound, "not-found", message) { }
}
