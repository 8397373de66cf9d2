using XinchuangFlow.Domain.Network;

namespace XinchuangFlow.Application.Network;

/// <summary>One enterprise's network as it is stored: its points, technicians, their certificates and training records.</summary>
public sealed record NetworkBook(Enterprise Enterprise, IReadOnlyList<ServicePoint> Points, IReadOnlyList<Technician> Technicians,
    IReadOnlyList<Certificate> Certificates, IReadOnlyList<TrainingRecord> Training);

/// <summary>Rows to write in one transaction: all of them or none.</summary>
public sealed class NetworkChanges
{
    public List<object> Added { get; } = [];
    public List<object> Updated { get; } = [];
    public List<object> Removed { get; } = [];
    public bool IsEmpty => Added.Count == 0 && Updated.Count == 0 && Removed.Count == 0;
}

/// <summary>Points and technicians counted per enterprise (active ones; within a city when one is given).</summary>
public sealed record NetworkCounts(int Points, int Technicians);

/// <summary>Where the managed network is written (the database layer implements it).</summary>
public interface INetworkAdminStore
{
    Task<NetworkBook?> BookAsync(Guid enterpriseId, CancellationToken ct = default);
    /// <summary>The technician signing in with this login, in any enterprise (logins are unique).</summary>
    Task<Technician?> TechnicianByLoginAsync(string userName, CancellationToken ct = default);
    /// <summary>The certificate with this number, in any enterprise, with its technician's enterprise.</summary>
    Task<(Certificate Certificate, Guid EnterpriseId)?> CertificateByNumberAsync(string number, CancellationToken ct = default);
    Task<bool> EnterpriseNameTakenAsync(string name, Guid? except, CancellationToken ct = default);
    Task<IReadOnlyDictionary<Guid, NetworkCounts>> CountsAsync(string? cityCode, CancellationToken ct = default);
    /// <summary>Writes every row of <paramref name="changes"/> in one transaction.</summary>
    Task ApplyAsync(NetworkChanges changes, CancellationToken ct = default);
}
