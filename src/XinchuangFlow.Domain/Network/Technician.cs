namespace XinchuangFlow.Domain.Network;

/// <summary>A technician works from one service point; capability level 1 (basic) to 3 (expert).</summary>
public sealed record Technician(Guid Id, Guid EnterpriseId, Guid ServicePointId, string Name, string UserName, int CapabilityLevel, bool Active = true)
{
    /// <summary>The work phone the unit sees once the technician is dispatched.</summary>
    public string? Phone { get; init; }
    /// <summary>The product categories (<see cref="ProductCategories"/> codes) the technician serves (NET-3).</summary>
    public string[] Categories { get; init; } = [];
}
