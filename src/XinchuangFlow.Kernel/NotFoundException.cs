namespace XinchuangFlow.Kernel;

/// <summary>The thing named does not exist, or the caller may not learn that it does (404).</summary>
public sealed class NotFoundException(string message) : XfException(ProblemKind.NotFound, "not-found", message);
