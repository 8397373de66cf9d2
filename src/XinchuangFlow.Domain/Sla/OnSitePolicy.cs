using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Domain.Sla;

/// <summary>
/// The plan's on-site rule (SLA-2): 4 hours when the dispatched service point is in the requester's
/// prefecture-level city, 12 hours otherwise. Both are defaults that a per-city (and per-grade) override replaces.
/// </summary>
public sealed class OnSitePolicy(GuangxiDivisions divisions)
{
    public static readonly TimeSpan SameCityDefault = TimeSpan.FromHours(4);
    public static readonly TimeSpan OtherCityDefault = TimeSpan.FromHours(12);

    /// <summary>Overrides keyed by (requester city code, grade or null for every grade).</summary>
    public Dictionary<(string City, Grade? Grade), (TimeSpan SameCity, TimeSpan OtherCity)> Overrides { get; } = new();

    /// <summary>The target and why.</summary>
    public (TimeSpan Target, TargetReason Reason) Target(string requesterDivision, string servicePointDivision, Grade? grade)
    {
        var requesterCity = divisions.CityOf(requesterDivision) ?? throw new ArgumentException($"Unknown division code {requesterDivision}.");
        var pointCity = divisions.CityOf(servicePointDivision) ?? throw new ArgumentException($"Unknown division code {servicePointDivision}.");
        var same = requesterCity.Code == pointCity.Code;
        var (sameTarget, otherTarget, source) =
            grade is not null && Overrides.TryGetValue((requesterCity.Code, grade), out var g) ? (g.SameCity, g.OtherCity, TargetReason.FromCityGrade)
            : Overrides.TryGetValue((requesterCity.Code, null), out var c) ? (c.SameCity, c.OtherCity, TargetReason.FromCity)
            : (SameCityDefault, OtherCityDefault, TargetReason.FromRegion);
        var target = same ? sameTarget : otherTarget;
        var reason = new TargetReason
        {
            Basis = same ? TargetReason.OnSiteSame : TargetReason.OnSiteOther, Grade = grade?.Code, RequesterCity = requesterCity.Code,
            PointCity = same ? null : pointCity.Code, From = source,
        };
        return (target, reason);
    }
}
