using XinchuangFlow.Domain.Assessment;

namespace XinchuangFlow.Application.Assessment;

/// <summary>Which tickets an indicator report reads: created in the period, within a scope.</summary>
/// <param name="EnterpriseId">Only the tickets this enterprise served (its integrator's).</param>
/// <param name="CityCode">Only the tickets of this city.</param>
public sealed record KpiScope(Guid? EnterpriseId = null, string? CityCode = null);

/// <summary>Where the indicators' tickets come from (the database layer implements it).</summary>
public interface IKpiSource
{
    /// <summary>
    /// The tickets created in [from, to) within the scope — the platform's own and those reported by the enterprises'
    /// platforms — each with its complaints (the platform's complaint flow, or the reported complaint events).
    /// </summary>
    Task<IReadOnlyList<KpiCase>> CasesAsync(KpiScope scope, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default);

    /// <summary>
    /// What the indicators read beside the tickets, within the scope: the supervision notices issued in [from, to) (ASM-7),
    /// the enterprises' knowledge articles published in it, and the counties staffed on <paramref name="asOf"/>'s day
    /// (an active technician with a certificate valid that day at a service point there).
    /// </summary>
    Task<KpiExtras> ExtrasAsync(KpiScope scope, DateTimeOffset from, DateTimeOffset to, DateTimeOffset asOf, CancellationToken ct = default);
}
