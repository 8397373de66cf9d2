namespace XinchuangFlow.Domain.Grading;

/// <summary>How many people a problem stops: one user, a department, or the whole unit.</summary>
public static class Impacts
{
    public const string Single = "single";
    public const string Department = "department";
    public const string Unit = "unit";
    public static readonly IReadOnlySet<string> All = new HashSet<string> { Single, Department, Unit };
}
