using XinchuangFlow.Domain.Assessment;
using XinchuangFlow.Domain.Exchange;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Domain.Tests;

/// <summary>
/// The indicators of ASM-1 on a small hand-computed fixture (docs/assessment.md): six tickets of one enterprise in
/// Nanning, natural time, grade P3 (response 2 h, resolution 48 h, on site 4 h same city / 12 h another city). Every
/// expected figure is worked out in the comments.
/// </summary>
public sealed class KpiCalculatorTests
{
    private static readonly ReplayRules Rules = ReplayRules.Of("""
        { "response": { "P1": "PT30M", "P2": "PT1H", "P3": "PT2H", "P4": "PT4H" },
          "resolution": { "P1": "PT8H", "P2": "PT24H", "P3": "PT48H", "P4": "PT72H" },
          "onSite": { "sameCity": "PT4H", "otherCity": "PT12H" }, "calendar": "natural" }
        """, """{ "levels": [ { "percent": 100, "roles": ["MunicipalCoordinator"] } ] }""", """{ "rows": [ { "id": "default", "grade": "P3" } ] }""");
    private static readonly GuangxiDivisions D = GuangxiDivisions.Shipped;
    private static readonly string Nanning = D.CountiesOf("4501")[0].Code;
    private static readonly string Guilin = D.CountiesOf("4503")[0].Code;
    private static readonly DateTimeOffset T0 = new(2026, 8, 3, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset AsOf = T0.AddDays(10);
    private static readonly Guid Enterprise = Guid.Parse("0195a000-0000-7000-8000-0000000000a1");

    private static Ticket T(string number, DateTimeOffset created, bool reported, params (double H, string Kind, string? Arg)[] events)
    {
        var ticket = new Ticket { Number = number };
        var header = new ReportedTicketData(created, "portal", "某局", null, null, "4501", Nanning, "terminal", null, null, null, null, "终端故障", "", "single");
        var seq = 0;
        ReportedTicketFold.Apply(ticket, Enterprise, header, events.Select(e => new ReportedEventData(++seq, created.AddHours(e.H), e.Kind,
            e.Kind == ExchangeKinds.Dispatched ? "王工" : null, e.Kind == ExchangeKinds.Dispatched ? e.Arg : null, e.Kind == ExchangeKinds.Paused ? e.Arg : null,
            e.Kind == ExchangeKinds.Resolved ? "已修复" : null, e.Kind == ExchangeKinds.Feedback ? int.Parse(e.Arg!) : null, null)), Rules, "region", D, AsOf);
        if (!reported) ticket.ReportedBy = null;
        return ticket;
    }

    private static IReadOnlyList<KpiCase> Fixture()
    {
        // T1: response 30 min, on site 2 h 30 min of 4 h, resolution 5 h (1 h paused for the user), rated 5.
        var t1 = T("T1", T0, false, (0.25, "dispatched", Nanning), (0.5, "accepted", null), (3, "checked-in", null), (4, "paused", "user"), (5, "resumed", null),
            (6, "resolved", null), (7, "feedback", "5"), (7, "closed", null));
        // T2: a point in Guilin: on site after 13 h of 12 h (late); resolution 20 h; rated 2; one complaint closed after 20 days.
        var t2 = T("T2", T0, false, (0, "dispatched", Guilin), (1, "accepted", null), (14, "checked-in", null), (20, "resolved", null), (20.5, "feedback", "2"),
            (21, "closed", null));
        // T3: waited 30 h for the vendor (not running time), resolved at 40 h (3 h + 7 h = 10 h), reopened at 41 h, answered
        // in 30 min, resolved again at 43 h (12 h in all); rated 4. Not a first-time fix.
        var t3 = T("T3", T0, true, (0, "dispatched", Nanning), (0.5, "accepted", null), (2, "checked-in", null), (3, "paused", "vendor"), (33, "resumed", null),
            (40, "resolved", null), (41, "reopened", null), (41.5, "accepted", null), (43, "resolved", null), (44, "feedback", "4"), (44, "closed", null));
        // T4: cancelled — counts in nothing.
        var t4 = T("T4", T0, true, (1, "cancelled", null));
        // T5: created an hour before the computation, nobody answered yet: response and resolution pending, not counted.
        var t5 = T("T5", AsOf.AddHours(-1), true);
        // T6: nobody ever answered: response and resolution running past their deadlines — late.
        var t6 = T("T6", T0, true);
        return
        [
            new(t1, []), new(t2, [new KpiComplaint(T0.AddHours(22), T0.AddHours(22).AddDays(20))]), new(t3, []), new(t4, [new KpiComplaint(T0, null)]), new(t5, []), new(t6, []),
        ];
    }

    [Fact]
    public void EveryIndicator_OfTheFixture_IsWhatTheHandComputationSays()
    {
        var groups = KpiCalculator.Compute(Fixture(), new KpiOptions(AsOf, KpiOptions.DefaultComplaintClosure));
        var all = groups.Single(g => g.Dimension == KpiCalculator.Overall);
        void Is(string code, double? value, double numerator, int denominator, params string[] against)
        {
            var f = all[code];
            Assert.True((value, numerator, denominator) == (f.Value, f.Numerator, f.Denominator), $"{code}: expected {value} = {numerator}/{denominator}, got {f.Value} = {f.Numerator}/{f.Denominator}");
            Assert.Equal(against, f.Against);
        }
        // Five tickets count (T4 was cancelled); T3, T5 and T6 were reported by the enterprise's own platform.
        Is(Kpis.Tickets, 5, 5, 5);
        Is(Kpis.Reported, 3, 3, 3);
        // Response: T1, T2, T3 answered in time, T6 never (late), T5 still within its 2 h: 3 of 4.
        Is(Kpis.ResponseOnTime, 75, 3, 4, "T6");
        // On site: T1 and T3 in the same city in time, T2 from another city late: 2 of 3; same city 2 of 2; other city 0 of 1.
        Is(Kpis.OnSiteOnTime, 66.67, 2, 3, "T2");
        Is(Kpis.OnSiteSameCityOnTime, 100, 2, 2);
        Is(Kpis.OnSiteOtherCityOnTime, 0, 0, 1, "T2");
        // Resolution: T1 5 h, T2 20 h, T3 12 h (the vendor's 30 h do not count) in time; T6 past 48 h; T5 pending: 3 of 4.
        Is(Kpis.ResolutionOnTime, 75, 3, 4, "T6");
        // Ratings 5, 2, 4: mean 11 / 3 = 3.67; satisfied (4–5) 2 of 3; dissatisfied (1–2) 1 of 3.
        Is(Kpis.SatisfactionMean, 3.67, 11, 3, "T2");
        Is(Kpis.Satisfied, 66.67, 2, 3, "T2");
        Is(Kpis.Dissatisfied, 33.33, 1, 3, "T2");
        // Resolved: T1, T2, T3; T3 was reopened: first-time fix 2 of 3, reopened 1 of 3.
        Is(Kpis.FirstTimeFix, 66.67, 2, 3, "T3");
        Is(Kpis.Reopened, 33.33, 1, 3, "T3");
        // One complaint on five tickets (T4's is on a cancelled ticket): 20 per 100 tickets; closed after 20 days, over the
        // 15-day target: 0 of 1 in time; 480 hours to close.
        Is(Kpis.ComplaintRate, 20, 1, 5, "T2");
        Is(Kpis.ComplaintClosedOnTime, 0, 0, 1, "T2");
        Is(Kpis.ComplaintClosureHours, 480, 480, 1, "T2");

        // One enterprise, one city: their groups say the same.
        Assert.Equal(all.Figures.Values.Select(f => f.Value), groups.Single(g => g.Dimension == KpiCalculator.ByEnterprise && g.Key == Enterprise.ToString()).Figures.Values.Select(f => f.Value));
        Assert.Equal(all.Figures.Values.Select(f => f.Value), groups.Single(g => g.Dimension == KpiCalculator.ByCity && g.Key == "4501").Figures.Values.Select(f => f.Value));
    }

    [Fact]
    public void NothingToCount_HasNoValue_NotZero()
    {
        var all = KpiCalculator.Compute([], new KpiOptions(AsOf, KpiOptions.DefaultComplaintClosure)).Single();
        Assert.Equal(0, all[Kpis.Tickets].Value);
        Assert.All(Kpis.All.Except([Kpis.Tickets, Kpis.Reported]), code => Assert.Null(all[code].Value));
        var none = KpiCalculator.Compute([], new KpiOptions(AsOf, KpiOptions.DefaultComplaintClosure), new KpiExtras(Counties: [])).Single();
        Assert.Equal((0.0, 0.0, (double?)null), (none[Kpis.SupervisionNotices].Value!.Value, none[Kpis.KnowledgeContributions].Value!.Value, none[Kpis.CountyCoverage].Value));
    }

    [Fact]
    public void KnowledgeAndCoverage_ArticlesPublished_PlatformTicketsCitingOne_AndCountiesStaffed()
    {
        var other = Guid.CreateVersion7();
        Ticket Resolved(string n, bool reported, string? cited)
        {
            var t = T(n, T0, reported, (0, "dispatched", Nanning), (0.5, "accepted", null), (2, "checked-in", null), (3, "resolved", null));
            t.CitedArticles = cited;
            return t;
        }
        var cases = new[] { Resolved("K1", false, "KB-000001"), Resolved("K2", false, null), Resolved("K3", false, null), Resolved("K4", true, null) }
            .Select(t => new KpiCase(t, [])).ToList();
        Division County(string code, string city) => new(code, "县" + code, DivisionLevel.County, city);
        var extras = new KpiExtras(
            Articles: [new("KB-000001", Enterprise, T0), new("KB-000002", Enterprise, T0), new("KB-000003", other, T0)],
            Staffed: [new(Enterprise, "450101"), new(Enterprise, "450201"), new(other, "450102")],
            Counties: [County("450101", "4501"), County("450102", "4501"), County("450201", "4502"), County("450202", "4502")]);
        var groups = KpiCalculator.Compute(cases, new KpiOptions(AsOf, KpiOptions.DefaultComplaintClosure), extras);
        var mine = groups.Single(g => g.Dimension == KpiCalculator.ByEnterprise && g.Key == Enterprise.ToString());
        Assert.Equal(2, mine[Kpis.KnowledgeContributions].Value);
        // Three platform tickets resolved, one citing an article; the reported one is not counted.
        Assert.Equal((33.33, 1.0, 3), (mine[Kpis.KnowledgeCited].Value, mine[Kpis.KnowledgeCited].Numerator, mine[Kpis.KnowledgeCited].Denominator));
        Assert.Equal(["K2", "K3"], mine[Kpis.KnowledgeCited].Against);
        // Its posts cover two of the four counties; the uncovered are listed.
        Assert.Equal(50, mine[Kpis.CountyCoverage].Value);
        Assert.Equal(["450102", "450202"], mine[Kpis.CountyCoverage].Against);
        Assert.Equal(1, groups.Single(g => g.Key == other.ToString())[Kpis.KnowledgeContributions].Value);
        // A city: any enterprise's posts against the city's counties; articles belong to no city.
        var nanning = groups.Single(g => g.Dimension == KpiCalculator.ByCity && g.Key == "4501");
        Assert.Equal((100.0, (double?)null), (nanning[Kpis.CountyCoverage].Value!.Value, nanning[Kpis.KnowledgeContributions].Value));
        var all = groups.Single(g => g.Dimension == KpiCalculator.Overall);
        Assert.Equal((75.0, 3.0), (all[Kpis.CountyCoverage].Value!.Value, all[Kpis.KnowledgeContributions].Value!.Value));
    }

    [Fact]
    public void SupervisionNotices_CountPerEnterpriseAndCity_AndTheShareAnsweredByTheDeadline_OfThoseDecided()
    {
        var (e1, e2) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var notices = new KpiNotice[]
        {
            new("DB-1", e1, "4501", AsOf.AddDays(-10), AsOf.AddDays(-8), AsOf.AddDays(-9)),    // answered a day early
            new("DB-2", e1, "4501", AsOf.AddDays(-10), AsOf.AddDays(-8), AsOf.AddDays(-7)),    // answered a day late
            new("DB-3", e1, null, AsOf.AddDays(-5), AsOf.AddDays(-1), null),                   // past its deadline, unanswered
            new("DB-4", e1, "4502", AsOf.AddDays(-1), AsOf.AddDays(2), null),                  // still within its deadline: not decided
            new("DB-5", e2, "4502", AsOf.AddDays(-3), AsOf.AddDays(-2), AsOf.AddDays(-2)),     // answered at the deadline itself: on time
        };
        var groups = KpiCalculator.Compute([], new KpiOptions(AsOf, KpiOptions.DefaultComplaintClosure), new KpiExtras(Notices: notices));
        var one = groups.Single(g => g.Dimension == KpiCalculator.ByEnterprise && g.Key == e1.ToString());
        Assert.Equal(4, one[Kpis.SupervisionNotices].Value);
        Assert.Equal((33.33, 1.0, 3), (one[Kpis.SupervisionOnTime].Value, one[Kpis.SupervisionOnTime].Numerator, one[Kpis.SupervisionOnTime].Denominator));
        Assert.Equal(["DB-2", "DB-3"], one[Kpis.SupervisionOnTime].Against);
        Assert.Equal(0, one[Kpis.Tickets].Value);   // an enterprise with notices and no ticket has its group
        Assert.Equal(100, groups.Single(g => g.Key == e2.ToString())[Kpis.SupervisionOnTime].Value);
        Assert.Equal(2, groups.Single(g => g.Dimension == KpiCalculator.ByCity && g.Key == "4501")[Kpis.SupervisionNotices].Value);
        Assert.Equal(2, groups.Single(g => g.Dimension == KpiCalculator.ByCity && g.Key == "4502")[Kpis.SupervisionNotices].Value);
        Assert.Equal((5, 50.0), (groups.Single(g => g.Dimension == KpiCalculator.Overall)[Kpis.SupervisionNotices].Value, groups.Single(g => g.Dimension == KpiCalculator.Overall)[Kpis.SupervisionOnTime].Value));
    }

    [Fact]
    public void AReturnedAnswer_OwesANewOne_ByTheDeadlineInForce_AndOnceLateANoticeStaysLate()
    {
        var e = Guid.CreateVersion7();
        var notices = new KpiNotice[]
        {
            // Returned, the new answer owed by an extended deadline still ahead: not decided yet.
            new("DB-1", e, null, AsOf.AddDays(-5), AsOf.AddDays(1), null),
            // Returned and answered again within the extended deadline (the notice's own had passed): on time.
            new("DB-2", e, null, AsOf.AddDays(-5), AsOf.AddDays(-1), AsOf.AddDays(-1).AddHours(-2)),
            // Returned after a late answer: late already, though the new answer is not due yet.
            new("DB-3", e, null, AsOf.AddDays(-5), AsOf.AddDays(1), null, Late: true),
            // Answered late, returned, answered again on time: still late.
            new("DB-4", e, null, AsOf.AddDays(-5), AsOf.AddDays(-1), AsOf.AddDays(-2), Late: true),
            // Returned, and the extended deadline passed with no new answer: late.
            new("DB-5", e, null, AsOf.AddDays(-5), AsOf.AddHours(-1), null),
        };
        var group = KpiCalculator.Compute([], new KpiOptions(AsOf, KpiOptions.DefaultComplaintClosure), new KpiExtras(Notices: notices))
            .Single(g => g.Dimension == KpiCalculator.ByEnterprise && g.Key == e.ToString());
        Assert.Equal((25.0, 1.0, 4), (group[Kpis.SupervisionOnTime].Value, group[Kpis.SupervisionOnTime].Numerator, group[Kpis.SupervisionOnTime].Denominator));
        Assert.Equal(["DB-3", "DB-4", "DB-5"], group[Kpis.SupervisionOnTime].Against);
    }

    [Fact]
    public void AComplaintStillOpenPastItsTarget_IsLate_AndOneWithinIt_IsNotYetCounted()
    {
        var cases = new KpiCase[]
        {
            new(T("A", T0, false), [new KpiComplaint(AsOf.AddDays(-16), null)]),
            new(T("B", T0, false), [new KpiComplaint(AsOf.AddDays(-3), null)]),
        };
        var all = KpiCalculator.Compute(cases, new KpiOptions(AsOf, KpiOptions.DefaultComplaintClosure)).Single(g => g.Dimension == KpiCalculator.Overall);
        Assert.Equal((0.0, 0.0, 1), (all[Kpis.ComplaintClosedOnTime].Value!.Value, all[Kpis.ComplaintClosedOnTime].Numerator, all[Kpis.ComplaintClosedOnTime].Denominator));
        Assert.Equal(["A"], all[Kpis.ComplaintClosedOnTime].Against);
        Assert.Null(all[Kpis.ComplaintClosureHours].Value);
    }

    [Fact]
    public void ATicketBelongsToTheQuarterOfItsCreation_InChinaTime()
    {
        var q3 = AssessmentPeriod.Quarter(2026, 3);
        var lastMinute = new DateTimeOffset(2026, 9, 30, 23, 59, 0, TimeSpan.FromHours(8));
        var firstMinute = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.FromHours(8));
        Assert.True(q3.Contains(lastMinute));
        Assert.False(q3.Contains(firstMinute));
        // 16:00 UTC on 30 September is already 1 October in China.
        Assert.Equal((2026, 4), AssessmentPeriod.QuarterOf(new DateTimeOffset(2026, 9, 30, 16, 0, 0, TimeSpan.Zero)));
        Assert.True(AssessmentPeriod.Quarter(2026, 4).Contains(firstMinute));
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)), AssessmentPeriod.Quarter(2026, 4).To);
    }
    [Fact]
    public void FollowUpCalls_CountReachedOfCalled_AndConfirmedOfReached()
    {
        // Four calls: A reached and confirmed, B reached and not confirmed, C not reached, D reached and confirmed; E never called.
        KpiCase Called(string n, bool? reached, bool? confirmed)
        {
            var t = T(n, T0, false, (0, "dispatched", Nanning), (1, "accepted", null), (2, "checked-in", null), (3, "resolved", null), (4, "feedback", "4"), (4, "closed", null));
            if (reached is not null) (t.FollowUpAt, t.FollowUpReached, t.FollowUpConfirmed) = (T0.AddDays(1), reached, confirmed);
            return new KpiCase(t, []);
        }
        var all = KpiCalculator.Compute([Called("A", true, true), Called("B", true, false), Called("C", false, null), Called("D", true, true), Called("E", null, null)],
            new KpiOptions(AsOf, KpiOptions.DefaultComplaintClosure)).Single(g => g.Dimension == KpiCalculator.Overall);
        Assert.Equal((75.0, 3.0, 4), (all[Kpis.FollowUpReach].Value!.Value, all[Kpis.FollowUpReach].Numerator, all[Kpis.FollowUpReach].Denominator));
        Assert.Equal(["C"], all[Kpis.FollowUpReach].Against);
        Assert.Equal((66.67, 2.0, 3), (all[Kpis.FollowUpConfirmed].Value!.Value, all[Kpis.FollowUpConfirmed].Numerator, all[Kpis.FollowUpConfirmed].Denominator));
        Assert.Equal(["B"], all[Kpis.FollowUpConfirmed].Against);
    }

    [Theory]
    [InlineData(null, 0, 0, 5, FollowUp.Unrated)]
    [InlineData(5, 1, 0, 5, FollowUp.Complaint)]
    [InlineData(5, 0, 1, 5, FollowUp.Reopened)]
    [InlineData(3, 0, 0, 0, FollowUp.LowRating)]
    [InlineData(4, 0, 0, 0, null)]
    [InlineData(4, 0, 0, 100, FollowUp.Sample)]
    public void WhoIsCalledBack_AllTheTroubledOnes_AndASampleOfTheRest(int? satisfaction, int complaints, int reopened, double sample, string? reason)
    {
        var t = new Ticket { Number = "GX-4501-20261102-00007", Satisfaction = satisfaction, ReopenCount = reopened };
        Assert.Equal(reason, FollowUp.ReasonFor(t, complaints, sample));
    }

    [Fact]
    public void TheSample_IsTheSameTicketsEveryTime_AndAboutTheShareAsked()
    {
        var numbers = Enumerable.Range(1, 10_000).Select(i => $"GX-4501-20261102-{i:D5}").ToList();
        var picked = numbers.Count(n => FollowUp.ReasonFor(new Ticket { Number = n, Satisfaction = 5 }, 0, 10) == FollowUp.Sample);
        Assert.InRange(picked, 800, 1200);
        Assert.Equal(FollowUp.Bucket("GX-4501-20261102-00042"), FollowUp.Bucket("GX-4501-20261102-00042"));
    }
}
