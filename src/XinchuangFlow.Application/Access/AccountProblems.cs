namespace XinchuangFlow.Application.Access;

/// <summary>Problem codes of user administration.</summary>
[ProblemCodes]
public static class AccountProblems
{
    /// <summary>An administrator disabling or resetting their own account from the list (they would lock themselves out). Arguments: field.</summary>
    public const string OwnAccount = "own-account";
}
