namespace XinchuangFlow.Domain.Rules;

/// <summary>A stored rule set: its kind, scope (region or a 4-digit city code), version and JSON document.</summary>
public sealed class RuleSet
{
    public string Kind { get; set; } = "";
    public string Scope { get; set; } = RuleKinds.RegionScope;
    public int Version { get; set; }
    public string Json { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }

    /// <summary>
    /// For a city's effective set: the version of the regional set its overrides were merged onto (not stored; 0 for a
    /// stored row). The effective rules change when either version does.
    /// </summary>
    public int BaseVersion { get; set; }
}
