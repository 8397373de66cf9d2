namespace XinchuangFlow.Domain.Network;

/// <summary>The data dispatch reads: the network, certificates and how much open work each technician has.</summary>
public sealed record NetworkSnapshot(
    IReadOnlyList<Enterprise> Enterprises,
    IReadOnlyList<ServicePoint> ServicePoints,
    IReadOnlyList<Technician> Technicians,
    IReadOnlyList<Certificate> Certificates,
    IReadOnlyDictionary<Guid, int> OpenWorkload);
