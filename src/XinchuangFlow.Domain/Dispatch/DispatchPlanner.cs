using XinchuangFlow.Domain.Time;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Domain.Network;

namespace XinchuangFlow.Domain.Dispatch;

/// <summary>
/// Chooses a technician (DSP-2): the responsible integrator's technicians (every active integrator's when none is
/// named); each must be active, hold a valid certificate for the product category (持证上岗) and a capability level
/// at least what the grade needs; then same county, then same city, then nearest other city, then lowest open
/// workload. Suspended or removed enterprises never receive work. A pure function of its inputs.
/// </summary>
public sealed class DispatchPlanner(GuangxiDivisions divisions)
{
    /// <summary>Capability level each grade needs (a regional default; local rules may change it).</summary>
    public Dictionary<string, int> RequiredLevel { get; } = new(StringComparer.OrdinalIgnoreCase) { [Grade.P1.Code] = 3, [Grade.P2.Code] = 2, [Grade.P3.Code] = 1, [Grade.P4.Code] = 1 };

    public DispatchDecision Plan(DispatchRequest request, NetworkSnapshot network, IReadOnlyDictionary<string, int>? requiredLevels = null) =>
        Plan(request, network, new Rules.DispatchRules { RequiredLevel = new Dictionary<string, int>(requiredLevels ?? RequiredLevel) });

    /// <summary>
    /// Plans with a city's dispatch preferences: its capability levels, excluded service points (never chosen),
    /// preferred ones (first within their distance tier) and the requester county's fallback city (first among other cities).
    /// </summary>
    public DispatchDecision Plan(DispatchRequest request, NetworkSnapshot network, Rules.DispatchRules rules)
    {
        var requiredLevels = rules.RequiredLevel.Count > 0 ? rules.RequiredLevel : RequiredLevel;
        var excluded = rules.ExcludedServicePoints.ToHashSet();
        var preferred = rules.PreferredServicePoints.ToHashSet();
        var fallbackCity = rules.Fallbacks.GetValueOrDefault(request.CountyCode);
        var requesterCity = divisions.CityOf(request.CountyCode) ?? throw new ArgumentException($"Unknown division code {request.CountyCode}.");
        var enterprises = network.Enterprises.ToDictionary(e => e.Id);
        var points = network.ServicePoints.ToDictionary(p => p.Id);
        var day = ChinaTime.DayOf(request.At);
        var required = requiredLevels.GetValueOrDefault(request.Grade.Code, 1);
        var rejected = new List<Rejection>();
        var category = ProductCategories.Names.GetValueOrDefault(request.ProductCategory, request.ProductCategory);
        var certificatesOf = network.Certificates.Where(c => string.Equals(c.ProductCategory, request.ProductCategory, StringComparison.OrdinalIgnoreCase))
            .ToLookup(c => c.TechnicianId);

        if (request.ResponsibleIntegratorId is { } rid && enterprises.TryGetValue(rid, out var responsible) && responsible.Status != ShortlistStatus.Active)
        {
            var status = responsible.Status == ShortlistStatus.Suspended ? ("已暂停", "suspended") : ("已移出名录", "removed from the shortlist");
            return new DispatchDecision(null, null, null, null,
                $"责任集成商{responsible.Name}{status.Item1}，不能派单，转市级统筹单位协调。",
                $"The responsible integrator {responsible.Name} is {status.Item2}; it cannot receive work; escalate to the municipal coordinator.",
                rejected, [], []);
        }

        var pool = request.ResponsibleIntegratorId is { } id
            ? network.Technicians.Where(t => t.EnterpriseId == id)
            : network.Technicians.Where(t => enterprises.TryGetValue(t.EnterpriseId, out var e) && e.Kind == EnterpriseKind.Integrator);

        var eligible = new List<(Technician T, ServicePoint P, Proximity Prox, double Km, int Load)>();
        // Disqualified technicians are listed nearest first: "why not the one in my county?" is the question people ask.
        int Nearness(Technician t) => !points.TryGetValue(t.ServicePointId, out var p) ? 3
            : p.CountyCode == request.CountyCode ? 0 : divisions.SameCity(p.CountyCode, request.CountyCode) ? 1 : 2;
        foreach (var t in pool.OrderBy(Nearness).ThenBy(t => t.Name, StringComparer.Ordinal))
        {
            void Reject(string code, string zh, string en) => rejected.Add(new Rejection(t.Id, t.Name, code, zh, en));
            if (!enterprises.TryGetValue(t.EnterpriseId, out var enterprise) || enterprise.Status != ShortlistStatus.Active)
            {
                Reject("enterprise-inactive", $"所属企业{enterprise?.Name}未在有效名录中", $"their enterprise {enterprise?.Name} is not active");
                continue;
            }
            if (!t.Active) { Reject("inactive", "人员已停用", "not active"); continue; }
            var certificates = certificatesOf[t.Id].ToList();
            if (certificates.Count == 0)
            {
                Reject("no-certificate", $"无“{category}”类证书", $"no certificate for {request.ProductCategory}");
                continue;
            }
            if (!certificates.Any(c => c.ValidOn(day)))
            {
                // A certificate that starts later is not expired: the technician qualifies from that day on.
                if (certificates.Where(c => c.ValidFrom > day).MinBy(c => c.ValidFrom) is { } coming)
                    Reject("certificate-not-yet-valid", $"“{category}”证书自{coming.ValidFrom:yyyy-MM-dd}起生效，目前尚未生效",
                        $"certificate for {request.ProductCategory} is valid only from {coming.ValidFrom:yyyy-MM-dd}");
                else
                {
                    var last = certificates.Max(c => c.ValidUntil);
                    Reject("certificate-expired", $"“{category}”证书已于{last:yyyy-MM-dd}过期", $"certificate for {request.ProductCategory} expired on {last:yyyy-MM-dd}");
                }
                continue;
            }
            if (t.CapabilityLevel < required)
            {
                Reject("level-too-low", $"能力等级{t.CapabilityLevel}低于{request.Grade}要求的{required}级", $"level {t.CapabilityLevel} is below the {required} that {request.Grade} needs");
                continue;
            }
            if (!points.TryGetValue(t.ServicePointId, out var point) || divisions.Find(point.CountyCode) is null)
            {
                Reject("no-service-point", "所属服务网点不存在或区县代码无效", "their service point is missing or has an unknown county");
                continue;
            }
            if (excluded.Contains(point.Id))
            {
                Reject("service-point-excluded", $"服务网点“{point.Name}”已被本市派单规则排除", $"service point {point.Name} is excluded by the city's dispatch rules");
                continue;
            }
            var prox = point.CountyCode == request.CountyCode ? Proximity.SameCounty
                : divisions.SameCity(point.CountyCode, request.CountyCode) ? Proximity.SameCity : Proximity.OtherCity;
            var km = prox == Proximity.OtherCity ? divisions.DistanceKm(requesterCity.Code, point.CountyCode) : 0;
            eligible.Add((t, point, prox, km, network.OpenWorkload.GetValueOrDefault(t.Id)));
        }

        bool IsFallback((Technician T, ServicePoint P, Proximity Prox, double Km, int Load) e) =>
            e.Prox == Proximity.OtherCity && fallbackCity is not null && divisions.CityOf(e.P.CountyCode)?.Code == fallbackCity;
        var ranked = eligible.OrderBy(e => e.Prox).ThenBy(e => IsFallback(e) ? 0 : 1).ThenBy(e => preferred.Contains(e.P.Id) ? 0 : 1)
            .ThenBy(e => Math.Round(e.Km)).ThenBy(e => e.Load).ThenBy(e => e.T.Name, StringComparer.Ordinal).ToList();
        var ranking = ranked.Select(e => $"{e.T.Name}：{ProximityZh(e.Prox, e.P, e.Km)}，在办{e.Load}单").ToList();
        if (ranked.Count == 0)
            return new DispatchDecision(null, null, null, null,
                $"没有符合条件的工程师（需“{category}”有效证书、能力等级≥{required}），转人工派单。",
                $"No technician qualifies (valid {request.ProductCategory} certificate, level ≥ {required}); dispatch manually.",
                rejected, ranking, []);

        var best = ranked[0];
        var why = new List<string>();
        if (preferred.Contains(best.P.Id)) why.Add("本市优先网点");
        if (IsFallback(best)) why.Add($"本区县缺员时优先由{divisions.Find(fallbackCity!)?.Name}支援");
        var extraZh = why.Count > 0 ? "；" + string.Join("；", why) : "";
        foreach (var other in ranked.Skip(1))
            rejected.Add(new Rejection(other.T.Id, other.T.Name, "ranked-lower",
                $"排序靠后：{ProximityZh(other.Prox, other.P, other.Km)}，在办{other.Load}单",
                $"ranked lower: {ProximityEn(other.Prox, other.Km)}, {other.Load} open"));
        return new DispatchDecision(best.T, best.P, best.Prox, best.Km,
            $"按“同区县→同市→最近外市→在办最少”规则选中{best.T.Name}（{ProximityZh(best.Prox, best.P, best.Km)}，在办{best.Load}单{extraZh}）。",
            $"Chose {best.T.Name} by same county → same city → nearest other city → lowest workload ({ProximityEn(best.Prox, best.Km)}, {best.Load} open).",
            rejected, ranking,
            ranked.Select(e => new RankedTechnician(e.T, e.P, e.Prox, e.Km, e.Load, preferred.Contains(e.P.Id), IsFallback(e))).ToList());
    }

    private string ProximityZh(Proximity p, ServicePoint point, double km) => p switch
    {
        Proximity.SameCounty => "同区县",
        Proximity.SameCity => "同市",
        _ => $"外市（{divisions.CityOf(point.CountyCode)?.Name}，约{km:0}公里）",
    };

    private static string ProximityEn(Proximity p, double km) => p switch
    {
        Proximity.SameCounty => "same county",
        Proximity.SameCity => "same city",
        _ => $"other city, about {km:0} km",
    };
}
