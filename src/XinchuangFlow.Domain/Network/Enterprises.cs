namespace XinchuangFlow.Domain.Network;

/// <summary>集成服务商 (primary responsibility) or 产品供应商 (supports the integrator).</summary>
public enum EnterpriseKind { Integrator, ProductVendor }

/// <summary>Shortlist status: only active enterprises receive work.</summary>
public enum ShortlistStatus { Active, Suspended, Removed }

/// <summary>自有网点, 共享售后资源 or 外包维修.</summary>
public enum ServicePointKind { OwnOutlet, SharedResource, OutsourcedRepair }

public sealed record Enterprise(Guid Id, string Name, EnterpriseKind Kind, ShortlistStatus Status);

public sealed record ServicePoint(Guid Id, Guid EnterpriseId, string Name, ServicePointKind Kind, string CountyCode);

/// <summary>A technician works from one service point; capability level 1 (basic) to 3 (expert).</summary>
public sealed record Technician(Guid Id, Guid EnterpriseId, Guid ServicePointId, string Name, string UserName, int CapabilityLevel, bool Active = true)
{
    /// <summary>The work phone the unit sees once the technician is dispatched.</summary>
    public string? Phone { get; init; }
}

/// <summary>持证上岗: a certificate for one product category, valid between two dates (inclusive).</summary>
public sealed record Certificate(Guid TechnicianId, string ProductCategory, DateOnly ValidFrom, DateOnly ValidUntil)
{
    public bool ValidOn(DateOnly day) => day >= ValidFrom && day <= ValidUntil;
}

/// <summary>The data dispatch reads: the network, certificates and how much open work each technician has.</summary>
public sealed record NetworkSnapshot(
    IReadOnlyList<Enterprise> Enterprises,
    IReadOnlyList<ServicePoint> ServicePoints,
    IReadOnlyList<Technician> Technicians,
    IReadOnlyList<Certificate> Certificates,
    IReadOnlyDictionary<Guid, int> OpenWorkload);

