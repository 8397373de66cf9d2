namespace XinchuangFlow.Kernel;

/// <summary>The caller may not do this, and may know that the thing exists (403).</summary>
public sealed class ForbiddenException(string message) : XfException(ProblemKind.Forbidden, "forbidden", message);
