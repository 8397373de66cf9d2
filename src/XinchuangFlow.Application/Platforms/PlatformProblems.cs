namespace XinchuangFlow.Application.Platforms;

/// <summary>Problem codes of other platforms' API keys (<see cref="PlatformKeyService"/>).</summary>
[ProblemCodes]
public static class PlatformProblems
{
    /// <summary>Arguments: field (name).</summary>
    public const string NameMissing = "platform-name-missing";
    /// <summary>Arguments: id.</summary>
    public const string KeyNotFound = "platform-key-not-found";
    /// <summary>Arguments: field, value (an enterprise id the key was to report for).</summary>
    public const string UnknownEnterprise = "platform-unknown-enterprise";
}
