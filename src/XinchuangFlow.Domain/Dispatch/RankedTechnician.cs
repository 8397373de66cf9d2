using XinchuangFlow.Domain.Network;

namespace XinchuangFlow.Domain.Dispatch;

/// <summary>
/// A technician who qualifies for a ticket, in the planner's order (the first is the one it chooses): where they work,
/// how close that is, their open workload and whether the city's dispatch preferences put them forward.
/// </summary>
public sealed record RankedTechnician(Technician Technician, ServicePoint ServicePoint, Proximity Proximity, double DistanceKm, int OpenWork,
    bool PreferredServicePoint, bool FallbackCity);
