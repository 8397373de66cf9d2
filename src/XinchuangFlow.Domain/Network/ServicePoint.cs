namespace XinchuangFlow.Domain.Network;

/// <summary>A service point of an enterprise in one county (NET-2): its kind, where it is, when it is open and its phone.</summary>
public sealed record ServicePoint(Guid Id, Guid EnterpriseId, string Name, ServicePointKind Kind, string CountyCode)
{
    public string? Address { get; init; }
    /// <summary>Opening hours as the enterprise writes them (e.g. 周一至周五 8:30–17:30).</summary>
    public string? OpeningHours { get; init; }
    /// <summary>The point's public phone.</summary>
    public string? Phone { get; init; }
    /// <summary>A deactivated point is kept (history, tickets) but no longer counts as a place of service.</summary>
    public bool Active { get; init; } = true;
}
