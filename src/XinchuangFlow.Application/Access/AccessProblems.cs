namespace XinchuangFlow.Application.Access;

/// <summary>Problem codes of refusals by access (<see cref="AccessService"/>).</summary>
[ProblemCodes]
public static class AccessProblems
{
    /// <summary>No arguments: the caller's role may not do this (the English message says who may).</summary>
    public const string Denied = "access-denied";
    /// <summary>Arguments: what (the kind of thing: ticket, task, instance …), id.</summary>
    public const string NotFound = "access-not-found";
}
