using XinchuangFlow.Domain.Dashboards;
using XinchuangFlow.Domain.Exchange;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Domain.Tests;

/// <summary>
/// The dashboards' daily figures (DSH-1) on a hand-computed fixture: five tickets of one enterprise created on
/// 2026-08-03 (China time) in a Nanning county, natural time, on site 4 h within the city and 12 h from another city.
/// Every expected figure is worked out in the comments.
/// </summary>
public sealed class DailyFigureFoldTests
{
    private static readonly ReplayRules Rules = ReplayRules.Of("""
        { "response": { "P1": "PT30M", "P2": "PT1H", "P3": "PT2H", "P4": "PT4H" },
          "resolution": { "P1": "PT8H", "P2": "PT24H", "P3": "PT48H", "P4": "PT72H" },
          "onSite": { "sameCity": "PT4H", "otherCity": "PT12H" }, "calendar": "natural" }
        """, """{ "levels": [ { "percent": 100, "roles": ["MunicipalCoordinator"] } ] }""", """{ "rows": [ { "id": "default", "grade": "P3" } ] }""");
    private static readonly GuangxiDivisions D = GuangxiDivisions.Shipped;
    private static readonly string Nanning = D.CountiesOf("4501")[0].Code;
    private static readonly string Guilin = D.CountiesOf("4503")[0].Code;
    private static readonly DateOnly Day = new(2026, 8, 3);
    private static readonly DateTimeOffset T0 = new(2026, 8, 3, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset AsOf = T0.AddDays(10);
    private static readonly Guid Enterprise = Guid.Parse("0195a000-0000-7000-8000-0000000000a1");

    private static Ticket T(string number, DateTimeOffset created, bool reported, string category, string? os, string? cpu, params (double H, string Kind, string? Arg)[] events)
    {
        var ticket = new Ticket { Number = number };
        var header = new ReportedTicketData(created, "portal", "某局", null, null, "4501", Nanning, category, null, null, null, null, "故障", "", "single");
        var seq = 0;
        ReportedTicketFold.Apply(ticket, Enterprise, header, events.Select(e => new ReportedEventData(++seq, created.AddHours(e.H), e.Kind,
            e.Kind == ExchangeKinds.Dispatched ? "王工" : null, e.Kind == ExchangeKinds.Dispatched ? e.Arg : null, null,
            e.Kind == ExchangeKinds.Resolved ? "已修复" : null, e.Kind == ExchangeKinds.Feedback ? int.Parse(e.Arg!) : null, null)), Rules, "region", D, AsOf);
        if (!reported) ticket.ReportedBy = null;
        (ticket.Os, ticket.Cpu) = (os, cpu);
        return ticket;
    }

    // T1: a Nanning point, on site after 2 h 30 min of 4 h (kept), rated 5, closed the same day at 16:00.
    private static readonly Ticket T1 = T("T1", T0, false, "terminal", "统信UOS", "龙芯", (0.25, "dispatched", Nanning), (0.5, "accepted", null), (2.5, "checked-in", null),
        (6, "resolved", null), (6.5, "feedback", "5"), (7, "closed", null));
    // T2: a Guilin point, on site after 14 h of 12 h (missed), rated 2, closed at 06:00 the next day; one complaint.
    private static readonly Ticket T2 = T("T2", T0, false, "terminal", "统信UOS", "龙芯", (0, "dispatched", Guilin), (1, "accepted", null), (14, "checked-in", null),
        (20, "resolved", null), (20.5, "feedback", "2"), (21, "closed", null));
    // T3: reported by the enterprise's platform, never dispatched: its on-site clock never started (not counted).
    private static readonly Ticket T3 = T("T3", T0.AddHours(1), true, "peripheral", null, null);
    // T4: cancelled — counts in nothing, its complaint neither.
    private static readonly Ticket T4 = T("T4", T0, true, "terminal", "统信UOS", "龙芯", (1, "cancelled", null));
    // T5: reported, a Nanning point, nobody on site ten days on: running past its 4 h — missed.
    private static readonly Ticket T5 = T("T5", T0.AddHours(2), true, "terminal", "银河麒麟", "飞腾", (0, "dispatched", Nanning), (0.5, "accepted", null));

    private static (IReadOnlyList<DailyFigure> Figures, IReadOnlyList<DailyProductFigure> Products) FoldDay() =>
        DailyFigureFold.Fold(Day, [new(T1, 0), new(T2, 1), new(T3, 0), new(T4, 1), new(T5, 0)], [T1, T2], AsOf);

    [Fact]
    public void TheDaysRow_IsWhatTheHandComputationSays()
    {
        var row = Assert.Single(FoldDay().Figures);
        Assert.Equal((Day, "4501", Nanning, Enterprise), (row.Day, row.CityCode, row.CountyCode, row.EnterpriseId));
        // Created: T1, T2, T3, T5 (T4 cancelled); reported: T3 and T5.
        Assert.Equal((4, 2), (row.Created, row.Reported));
        // Closed that day: T1 only (T2 closed after midnight China time).
        Assert.Equal(1, row.Closed);
        // On site decided: T1 (kept), T2 (missed), T5 (missed); T3 never started. Same city: T1, T5 (1 of 2); other city: T2 (0 of 1).
        Assert.Equal((3, 1), (row.OnSiteDue, row.OnSiteMet));
        Assert.Equal((2, 1, 1, 0), (row.SameCityDue, row.SameCityMet, row.OtherCityDue, row.OtherCityMet));
        // Ratings 5 and 2: sum 7 of 2, one dissatisfied; one complaint (T2's; T4's is cancelled with it).
        Assert.Equal((7, 2, 1, 1), (row.SatisfactionSum, row.SatisfactionCount, row.Dissatisfied, row.Complaints));
    }

    [Fact]
    public void TheNextDay_CountsOnlyWhatClosedOnIt()
    {
        var row = Assert.Single(DailyFigureFold.Fold(Day.AddDays(1), [new(T1, 0), new(T2, 1)], [T2], AsOf).Figures);
        // T1 and T2 were created the day before: they are not that day's; T2 closed at 06:00 on it.
        Assert.Equal((0, 1, 0, 0), (row.Created, row.Closed, row.OnSiteDue, row.SatisfactionCount));
    }

    [Fact]
    public void ProductsAndPlatforms_AreCountedByCategoryOsAndCpu()
    {
        var products = FoldDay().Products.Select(p => (p.ProductCategory, p.Os, p.Cpu, p.Created)).ToList();
        // T1 and T2 on 统信UOS/龙芯 terminals, T3 a peripheral with no platform given, T5 a 银河麒麟/飞腾 terminal; T4 cancelled.
        Assert.Equal([("peripheral", "", "", 1), ("terminal", "统信UOS", "龙芯", 2), ("terminal", "银河麒麟", "飞腾", 1)], products);
    }

    [Fact]
    public void FoldingTheSameTicketsAgain_GivesTheSameRows()
    {
        var (a, b) = (FoldDay().Figures.Single(), FoldDay().Figures.Single());
        Assert.Equivalent(a, b);
    }

    [Fact]
    public void TheCoarserRows_SumTheDetailRows_ByCounty_AndByCityAndEnterprise()
    {
        var (a, b) = (Guid.Parse("0195a000-0000-7000-8000-0000000000a1"), Guid.Parse("0195a000-0000-7000-8000-0000000000b2"));
        var nanning2 = D.CountiesOf("4501")[1].Code;
        DailyFigure F(string county, Guid e, int created, int due, int met, int rated, int sum) => new()
        {
            Day = Day, CityCode = county[..4], CountyCode = county, EnterpriseId = e, Created = created, OnSiteDue = due, OnSiteMet = met, SameCityDue = due,
            SameCityMet = met, SatisfactionCount = rated, SatisfactionSum = sum, Closed = 1, Complaints = 1,
        };
        // Nanning county: 甲 3 tickets (2 clocks, 1 kept; 2 rated, 9) and 乙 2 (1 clock kept; 1 rated, 2); a second Nanning county: 甲 1; Guilin: 乙 4.
        var detail = new[] { F(Nanning, a, 3, 2, 1, 2, 9), F(Nanning, b, 2, 1, 1, 1, 2), F(nanning2, a, 1, 0, 0, 0, 0), F(Guilin, b, 4, 4, 3, 2, 10) };
        var up = DailyFigureFold.RollUp(detail);

        var counties = up.Where(r => r.Grain == DailyFigure.ByCounty).ToDictionary(r => r.CountyCode);
        Assert.Equal([Nanning, nanning2, Guilin], counties.Keys.Order(StringComparer.Ordinal));
        Assert.All(counties.Values, r => Assert.Equal(Guid.Empty, r.EnterpriseId));
        var n = counties[Nanning];
        Assert.Equal((5, 3, 2, 3, 11, 2, 2, "4501"), (n.Created, n.OnSiteDue, n.OnSiteMet, n.SatisfactionCount, n.SatisfactionSum, n.Closed, n.Complaints, n.CityCode));
        Assert.Equal((4, 4, 3), (counties[Guilin].Created, counties[Guilin].OnSiteDue, counties[Guilin].OnSiteMet));

        var cities = up.Where(r => r.Grain == DailyFigure.ByCityEnterprise).ToDictionary(r => (r.CityCode, r.EnterpriseId));
        Assert.Equal(3, cities.Count);
        Assert.All(cities.Values, r => Assert.Equal("", r.CountyCode));
        // 甲 in Nanning: both counties, 3 + 1 tickets; 乙 in Nanning: 2; 乙 in Guilin: 4.
        Assert.Equal((4, 2, 1, 2), (cities[("4501", a)].Created, cities[("4501", a)].OnSiteDue, cities[("4501", a)].OnSiteMet, cities[("4501", a)].Closed));
        Assert.Equal(2, cities[("4501", b)].Created);
        Assert.Equal(4, cities[(Guilin[..4], b)].Created);
        // Every grain sums to the same day.
        Assert.Equal(detail.Sum(r => r.Created), counties.Values.Sum(r => r.Created));
        Assert.Equal(detail.Sum(r => r.Created), cities.Values.Sum(r => r.Created));
        // Rolled-up rows given back are not counted twice.
        Assert.Equal(up.Count, DailyFigureFold.RollUp(detail.Concat(up)).Count);
        Assert.Equal(10, DailyFigureFold.RollUp(detail.Concat(up)).Where(r => r.Grain == DailyFigure.ByCounty).Sum(r => r.Created));
    }

    [Fact]
    public void TheRegionsProductRows_SumEveryCityAndEnterprise()
    {
        DailyProductFigure P(string city, string category, string os, int n) => new() { Day = Day, CityCode = city, EnterpriseId = Guid.NewGuid(), ProductCategory = category, Os = os, Created = n };
        var up = DailyFigureFold.RollUp([P("4501", "terminal", "统信UOS", 2), P("4503", "terminal", "统信UOS", 3), P("4501", "terminal", "", 1), P("4501", "server", "银河麒麟", 4)]);
        Assert.All(up, r => Assert.Equal((DailyProductFigure.Region, "", Guid.Empty), (r.Grain, r.CityCode, r.EnterpriseId)));
        Assert.Equal([("server", "银河麒麟", 4), ("terminal", "", 1), ("terminal", "统信UOS", 5)], up.Select(r => (r.ProductCategory, r.Os, r.Created)));
    }
}
