namespace XinchuangFlow.Domain.Network;

/// <summary>Reads the service network (enterprises, points, technicians, certificates).</summary>
public interface INetworkRepository
{
    Task<IReadOnlyList<Enterprise>> EnterprisesAsync(CancellationToken ct = default);
    Task<Enterprise?> FindEnterpriseAsync(Guid id, CancellationToken ct = default);
    Task<IReadOnlyList<ServicePoint>> ServicePointsAsync(Guid? enterpriseId, CancellationToken ct = default);
    Task<IReadOnlyList<Technician>> TechniciansAsync(Guid? enterpriseId, CancellationToken ct = default);
    Task<IReadOnlyList<Certificate>> CertificatesAsync(Guid? enterpriseId, CancellationToken ct = default);
    /// <summary>The whole network (reports, the coverage view).</summary>
    Task<NetworkSnapshot> SnapshotAsync(CancellationToken ct = default);

    /// <summary>
    /// Only what dispatching one ticket reads (PERF-2): the responsible integrator's technicians (every integrator's when
    /// none is named) with their service points, their certificates for the product category and their open workload,
    /// and the enterprises. The planner decides the same as on the whole network.
    /// </summary>
    Task<NetworkSnapshot> DispatchSnapshotAsync(Guid? integratorId, string productCategory, CancellationToken ct = default);

    /// <summary>One technician (by login) with their service point, enterprise and certificates for a category: what a manual dispatch checks.</summary>
    Task<NetworkSnapshot> TechnicianSnapshotAsync(string userName, string productCategory, CancellationToken ct = default);
}
