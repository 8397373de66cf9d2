using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Domain.Dispatch;
using XinchuangFlow.Domain.Network;

namespace XinchuangFlow.Domain.Tests;

public class DispatchPlannerTests
{
    private static readonly GuangxiDivisions G = GuangxiDivisions.Shipped;
    private static string County(string name) => G.Counties.Single(c => c.Name == name).Code;

    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly DispatchPlanner _planner = new(G);

    private readonly Enterprise _integrator = new(Guid.NewGuid(), "桂信集成", EnterpriseKind.Integrator, ShortlistStatus.Active);
    private readonly Enterprise _suspended = new(Guid.NewGuid(), "停业集成", EnterpriseKind.Integrator, ShortlistStatus.Suspended);
    private readonly Enterprise _vendor = new(Guid.NewGuid(), "国产终端厂商", EnterpriseKind.ProductVendor, ShortlistStatus.Active);
    private readonly List<ServicePoint> _points = [];
    private readonly List<Technician> _techs = [];
    private readonly List<Certificate> _certs = [];
    private readonly Dictionary<Guid, int> _load = [];

    private Technician Tech(Enterprise e, string name, string county, int level, int load, DateOnly? certUntil = null, string category = "终端", DateOnly? certFrom = null)
    {
        var point = new ServicePoint(Guid.NewGuid(), e.Id, $"{county}网点", ServicePointKind.OwnOutlet, County(county));
        var t = new Technician(Guid.NewGuid(), e.Id, point.Id, name, name + "@example", level);
        _points.Add(point);
        _techs.Add(t);
        _certs.Add(new Certificate(t.Id, category, certFrom ?? new DateOnly(2025, 1, 1), certUntil ?? new DateOnly(2027, 12, 31)));
        _load[t.Id] = load;
        return t;
    }

    private NetworkSnapshot Network() => new([_integrator, _suspended, _vendor], _points, _techs, _certs, _load);

    private DispatchDecision Plan(string county, string grade = "P2", Guid? responsible = null, string category = "终端") =>
        _planner.Plan(new DispatchRequest("GX-1", County(county), category, Grade.Parse(grade), responsible ?? _integrator.Id, Now), Network());

    private void StandardTeam()
    {
        Tech(_integrator, "一级张", "青秀区", level: 1, load: 0);                               // same county, level too low for P2
        Tech(_integrator, "过期李", "青秀区", level: 3, load: 0, certUntil: new DateOnly(2026, 6, 30)); // certificate expired
        Tech(_integrator, "横州王", "横州市", level: 2, load: 5);
        Tech(_integrator, "横州赵", "横州市", level: 3, load: 1);
        Tech(_integrator, "钦州陈", "钦南区", level: 3, load: 0);
        Tech(_integrator, "桂林刘", "荔浦市", level: 3, load: 0);
    }

    [Fact]
    public void SameCityLowestWorkload_Chosen_EveryRejectionExplained()
    {
        StandardTeam();
        var d = Plan("青秀区");
        Assert.True(d.Dispatched);
        Assert.Equal("横州赵", d.Chosen!.Name);
        Assert.Equal(Proximity.SameCity, d.Proximity);
        Assert.Contains("横州赵", d.RuleZh);
        Assert.Equal("level-too-low", d.Rejected.Single(r => r.Technician == "一级张").Code);
        Assert.Equal("certificate-expired", d.Rejected.Single(r => r.Technician == "过期李").Code);
        Assert.Contains("2026-06-30", d.Rejected.Single(r => r.Technician == "过期李").ReasonZh);
        Assert.Equal(["横州赵", "横州王", "钦州陈", "桂林刘"], d.RankingZh.Select(r => r.Split('：')[0]));
        Assert.All(d.Rejected.Where(r => r.Code == "ranked-lower"), r => Assert.False(string.IsNullOrWhiteSpace(r.ReasonEn)));
    }

    [Fact]
    public void SameCountyBeatsSameCity_EvenWithMoreWork()
    {
        StandardTeam();
        Tech(_integrator, "青秀孙", "青秀区", level: 2, load: 9);
        Assert.Equal("青秀孙", Plan("青秀区").Chosen!.Name);
    }

    [Fact]
    public void NoOneInTheCity_NearestOtherCityChosen()
    {
        StandardTeam();
        var d = Plan("港口区");   // 防城港市: 钦州 is the nearest city with a qualified technician
        Assert.Equal("钦州陈", d.Chosen!.Name);
        Assert.Equal(Proximity.OtherCity, d.Proximity);
        Assert.InRange(d.DistanceKm!.Value, 10, 80);
    }

    [Fact]
    public void ExpiredCertificateNeverChosen_EvenWhenOnlyCandidate()
    {
        Tech(_integrator, "过期李", "青秀区", level: 3, load: 0, certUntil: new DateOnly(2026, 11, 26));
        var d = Plan("青秀区");
        Assert.False(d.Dispatched);
        Assert.Contains("转人工派单", d.RuleZh);
        Assert.Equal("certificate-expired", Assert.Single(d.Rejected).Code);
    }

    [Fact]
    public void ACertificateNotYetValid_IsNotCalledExpired_AndSaysFromWhenItCounts()
    {
        // Today is 2026-11-27; the certificate runs from 2027-03-01 to 2029-02-28.
        Tech(_integrator, "新证孙", "青秀区", level: 3, load: 0, certFrom: new DateOnly(2027, 3, 1), certUntil: new DateOnly(2029, 2, 28));
        var d = Plan("青秀区");
        Assert.False(d.Dispatched);
        var r = Assert.Single(d.Rejected);
        Assert.Equal("certificate-not-yet-valid", r.Code);
        Assert.Contains("2027-03-01", r.ReasonZh);
        Assert.Contains("尚未生效", r.ReasonZh);
        Assert.DoesNotContain("过期", r.ReasonZh);
        Assert.DoesNotContain("2029-02-28", r.ReasonZh);
        Assert.Contains("valid only from 2027-03-01", r.ReasonEn);
        Assert.DoesNotContain("expired", r.ReasonEn);
        Assert.Contains("终端", r.ReasonZh);

        // A lapsed certificate and a renewal that has not started yet: the renewal is what the dispatcher needs to know.
        _certs.Add(new Certificate(d.Rejected[0].TechnicianId, "终端", new DateOnly(2024, 1, 1), new DateOnly(2026, 6, 30)));
        Assert.Equal("certificate-not-yet-valid", Assert.Single(Plan("青秀区").Rejected).Code);
        // The first day of validity counts.
        Assert.True(_planner.Plan(new DispatchRequest("GX-3", County("青秀区"), "终端", Grade.P2, _integrator.Id, new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.FromHours(8))), Network()).Dispatched);
    }

    [Fact]
    public void EveryQualifiedTechnician_IsRanked_InTheOrderTheRuleChooses_WithWhereAndHowBusy()
    {
        StandardTeam();
        var d = Plan("青秀区");
        Assert.Equal(["横州赵", "横州王", "钦州陈", "桂林刘"], d.Ranked.Select(r => r.Technician.Name));
        Assert.Same(d.Chosen, d.Ranked[0].Technician);
        Assert.Equal([Proximity.SameCity, Proximity.SameCity, Proximity.OtherCity, Proximity.OtherCity], d.Ranked.Select(r => r.Proximity));
        Assert.Equal([1, 5, 0, 0], d.Ranked.Select(r => r.OpenWork));
        Assert.True(d.Ranked[2].DistanceKm > 0);
        Assert.DoesNotContain(d.Ranked, r => r.Technician.Name is "一级张" or "过期李");   // the disqualified are rejections, not candidates
        Assert.Empty(Plan("青秀区", grade: "P1", category: "数据库").Ranked);
    }

    [Fact]
    public void CertificateValidOnTheDay_LastDayCounts()
    {
        Tech(_integrator, "末日周", "青秀区", level: 3, load: 0, certUntil: new DateOnly(2026, 11, 27));
        Assert.Equal("末日周", Plan("青秀区").Chosen!.Name);
    }

    [Fact]
    public void SuspendedEnterprise_NeverReceivesWork()
    {
        Tech(_suspended, "停业吴", "青秀区", level: 3, load: 0);
        var named = Plan("青秀区", responsible: _suspended.Id);
        Assert.False(named.Dispatched);
        Assert.Contains("已暂停", named.RuleZh);

        // With no responsible integrator named, every active integrator is considered and the suspended one is not.
        Tech(_integrator, "横州赵", "横州市", level: 3, load: 0);
        Tech(_vendor, "厂商郑", "青秀区", level: 3, load: 0);
        var open = _planner.Plan(new DispatchRequest("GX-2", County("青秀区"), "终端", Grade.P2, null, Now), Network());
        Assert.Equal("横州赵", open.Chosen!.Name);
        Assert.Equal("enterprise-inactive", open.Rejected.Single(r => r.Technician == "停业吴").Code);
        Assert.DoesNotContain(open.Rejected, r => r.Technician == "厂商郑");   // vendors support integrators; they are not dispatched to
    }

    [Fact]
    public void GradeSetsTheLevelNeeded()
    {
        Tech(_integrator, "二级钱", "青秀区", level: 2, load: 0);
        Assert.True(Plan("青秀区", grade: "P2").Dispatched);
        var p1 = Plan("青秀区", grade: "P1");
        Assert.False(p1.Dispatched);
        Assert.Equal("level-too-low", Assert.Single(p1.Rejected).Code);
        Assert.Equal("no-certificate", Assert.Single(Plan("青秀区", category: "数据库").Rejected).Code);
    }

    private DispatchDecision PlanWith(string county, Rules.DispatchRules rules, string grade = "P2") =>
        _planner.Plan(new DispatchRequest("GX-1", County(county), "终端", Grade.Parse(grade), _integrator.Id, Now), Network(), rules);

    private static Rules.DispatchRules Levels() => new() { RequiredLevel = new() { ["P1"] = 3, ["P2"] = 2, ["P3"] = 1, ["P4"] = 1 } };

    [Fact]
    public void AnExcludedServicePoint_IsNeverChosen_AndSaysWhy()
    {
        StandardTeam();
        var hengzhou = _points.Single(p => p.Id == _techs.Single(t => t.Name == "横州赵").ServicePointId);
        var rules = Levels();
        rules.ExcludedServicePoints.Add(hengzhou.Id);
        var d = PlanWith("青秀区", rules);
        Assert.Equal("横州王", d.Chosen!.Name);                     // the other Hengzhou technician has their own point
        Assert.Equal("service-point-excluded", d.Rejected.Single(r => r.Technician == "横州赵").Code);
    }

    [Fact]
    public void APreferredServicePoint_GoesFirstWithinItsTier_ButNotBeforeANearerTier()
    {
        StandardTeam();
        var wang = _techs.Single(t => t.Name == "横州王");
        var rules = Levels();
        rules.PreferredServicePoints.Add(wang.ServicePointId);
        var d = PlanWith("青秀区", rules);
        Assert.Equal("横州王", d.Chosen!.Name);                     // same city as 横州赵, more work, but preferred
        Assert.Contains("本市优先网点", d.RuleZh);
        Tech(_integrator, "青秀孙", "青秀区", level: 2, load: 9);
        Assert.Equal("青秀孙", PlanWith("青秀区", rules).Chosen!.Name);  // same county still comes first
    }

    [Fact]
    public void ACountysFallbackCity_IsTriedFirstAmongOtherCities()
    {
        // Nobody qualifies in Nanning: the nearest other city is Qinzhou, but the rules send 青秀区 to Guilin first.
        Tech(_integrator, "钦州陈", "钦南区", level: 3, load: 0);
        Tech(_integrator, "桂林刘", "荔浦市", level: 3, load: 0);
        Assert.Equal("钦州陈", PlanWith("青秀区", Levels()).Chosen!.Name);
        var rules = Levels();
        rules.Fallbacks[County("青秀区")] = "4503";
        var d = PlanWith("青秀区", rules);
        Assert.Equal("桂林刘", d.Chosen!.Name);
        Assert.Contains("桂林市支援", d.RuleZh);
    }

    [Fact]
    public void DispatchRules_RefuseAPointBothPreferredAndExcluded_AndFallbacksThatAreNotAnotherCity()
    {
        var point = Guid.NewGuid();
        var ex = Assert.Throws<InvalidDataException>(() => Rules.DispatchRules.Parse($$"""
            { "requiredLevel": { "P1": 3, "P2": 2, "P3": 1, "P4": 1 }, "preferredServicePoints": ["{{point}}"], "excludedServicePoints": ["{{point}}"],
              "fallbacks": { "{{County("青秀区")}}": "4501", "999999": "4503", "{{County("横州市")}}": "9999" } }
            """));
        Assert.Contains("both preferred and excluded", ex.Message);
        Assert.Contains("is the county's own city", ex.Message);
        Assert.Contains("'999999' is not a Guangxi county", ex.Message);
        Assert.Contains("'9999' is not a Guangxi city", ex.Message);
    }
}
