namespace XinchuangFlow.Domain.Grading;

/// <summary>How many people a problem stops: one user, a department, or the whole unit.</summary>
public static class Impacts
{
    public const string Single = "single";
    public const string Department = "department";
    public const string Unit = "unit";
    public static readonly IReadOnlySet<string> All = new HashSet<string> { Single, Department, Unit };

    /// <summary>Chinese names, for the grading explanation a ticket keeps.</summary>
    public static readonly IReadOnlyDictionary<string, string> NamesZh = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [Single] = "单人", [Department] = "部门", [Unit] = "全单位",
    };
}
