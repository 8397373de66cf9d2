using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Domain.Grading;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Sla;

namespace XinchuangFlow.Domain.Tests;

/// <summary>What-if replay (BEY-1) on a small fixed history; every expected number is worked out by hand in the comments.</summary>
public sealed class RuleReplayTests
{
    private const string Sla = """
    { "response": { "P1": "PT30M", "P2": "PT1H", "P3": "PT2H", "P4": "PT4H" },
      "resolution": { "P1": "PT8H", "P2": "PT24H", "P3": "PT48H", "P4": "PT72H" },
      "onSite": { "sameCity": "PT4H", "otherCity": "PT12H" },
      "calendar": "natural",
      "calendars": { "office": { "windows": ["08:30-12:00", "14:30-17:30"], "workingDays": [1,2,3,4,5] } } }
    """;
    private const string P1OnSite3h = """
    { "response": { "P1": "PT30M", "P2": "PT1H", "P3": "PT2H", "P4": "PT4H" },
      "resolution": { "P1": "PT8H", "P2": "PT24H", "P3": "PT48H", "P4": "PT72H" },
      "onSite": { "sameCity": "PT4H", "otherCity": "PT12H", "byGrade": { "P1": { "sameCity": "PT3H", "otherCity": "PT12H" } } } }
    """;
    private const string Levels = """{ "levels": [ { "percent": 50, "roles": ["Dispatcher"] }, { "percent": 80, "roles": ["EnterpriseManager"] }, { "percent": 100, "roles": ["MunicipalCoordinator"] } ] }""";
    private const string LevelsWith30 = """{ "levels": [ { "percent": 30, "roles": ["Dispatcher"] }, { "percent": 50, "roles": ["Dispatcher"] }, { "percent": 80, "roles": ["EnterpriseManager"] }, { "percent": 100, "roles": ["MunicipalCoordinator"] } ] }""";
    private const string Grading = """{ "rows": [ { "id": "down", "grade": "P1", "keywordsAny": ["宕机"] }, { "id": "default", "grade": "P3" } ] }""";

    private static readonly GuangxiDivisions D = GuangxiDivisions.Shipped;
    private static readonly string Liuzhou = D.CountiesOf("4502")[0].Code;
    private static readonly DateTimeOffset Day = new(2026, 8, 3, 10, 0, 0, TimeSpan.FromHours(8));   // a Monday
    private static readonly DateTimeOffset AsOf = new(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(8));

    private static DateTimeOffset At(double hours) => Day.AddHours(hours);
    private static ReplayClock Clock(ClockKind kind, TimeSpan target, params (double From, double? To)[] stretches) =>
        new(kind, target, "recorded", stretches.Select(s => new RunningStretch(At(s.From), s.To is { } t ? At(t) : null)).ToList());
    private static ReplayTicket Ticket(string number, string title, params ReplayClock[] clocks) =>
        new(number, title, "4502", Liuzhou, null, false, Liuzhou, "pc", "single", "", Day, clocks);

    private static ReplayRules Rules(string sla = Sla, string levels = Levels) => new(SlaRules.Parse(sla), EscalationRules.Parse(levels), GradingTable.Parse(Grading));

    // T1 (P1): response 20 min of 30; on site 3.5 h. T2 (P1): on site 1 h + 1 h around a pause = 2 h. T3 (P3): on site 5 h.
    private static readonly ReplayTicket[] History =
    [
        Ticket("T1", "服务器宕机", Clock(ClockKind.Response, TimeSpan.FromMinutes(30), (0, 1 / 3.0)), Clock(ClockKind.OnSite, TimeSpan.FromHours(4), (0, 3.5))),
        Ticket("T2", "核心服务器宕机", Clock(ClockKind.OnSite, TimeSpan.FromHours(4), (0, 1), (2, 3))),
        Ticket("T3", "打印机卡纸", Clock(ClockKind.OnSite, TimeSpan.FromHours(4), (0, 5))),
    ];

    [Fact]
    public void AShorterP1OnSiteTarget_BreachesTheTicketThatTookThreeAndAHalfHours()
    {
        var result = RuleReplay.Compare(History, _ => (Rules(), Rules(P1OnSite3h)), D, AsOf);

        Assert.Equal(3, result.Tickets);
        var onSiteNow = result.Current.Clocks.Single(c => c.Kind == ClockKind.OnSite);
        var onSiteThen = result.Proposed.Clocks.Single(c => c.Kind == ClockKind.OnSite);
        // Now: T1 3.5 h ≤ 4 h, T2 2 h ≤ 4 h on time; T3 5 h > 4 h late → 2 of 3.
        Assert.Equal((3, 2, 1), (onSiteNow.Started, onSiteNow.OnTime, onSiteNow.Breached));
        Assert.Equal(2 / 3.0, onSiteNow.OnTimeShare!.Value, 6);
        // Proposed: T1 3.5 h > 3 h late, T2 2 h ≤ 3 h on time, T3 is P3 and keeps 4 h, late → 1 of 3.
        Assert.Equal((3, 1, 2), (onSiteThen.Started, onSiteThen.OnTime, onSiteThen.Breached));
        Assert.Equal((1, 1), (result.Current.Clocks[0].Started, result.Current.Clocks[0].OnTime));   // response: T1 only, 20 of 30 min

        // Levels now: T1 response 20 min ≥ 15 → 50; T1 on site 3.5 h ≥ 2, 3.2 → 50, 80; T2 2 h ≥ 2 → 50; T3 5 h → 50, 80, 100.
        Assert.Equal(new Dictionary<int, int> { [50] = 4, [80] = 2, [100] = 1 }, result.Current.EscalationsByLevel);
        // Proposed: T1 on site 3.5 h of 3 h → 50, 80, 100; T2 2 h of 3 h → 50 only (80 % = 2.4 h).
        Assert.Equal(new Dictionary<int, int> { [50] = 4, [80] = 2, [100] = 2 }, result.Proposed.EscalationsByLevel);
        Assert.Equal((1, 2), (result.Current.BreachedTickets, result.Proposed.BreachedTickets));

        var changed = Assert.Single(result.Changed);
        Assert.Equal(1, result.ChangedTotal);
        Assert.Equal("T1", changed.Number);
        Assert.Equal(Grade.P1, changed.Proposed.Grade);
        var t1 = changed.Proposed.Clocks.Single(c => c.Kind == ClockKind.OnSite);
        Assert.Equal((TimeSpan.FromHours(3), TimeSpan.FromHours(3.5), true), (t1.Target, t1.Used, t1.Breached));
    }

    [Fact]
    public void AThirtyPercentLevel_FiresOnEveryClockThatUsedAThirdOfItsTarget()
    {
        var result = RuleReplay.Compare(History, _ => (Rules(), Rules(levels: LevelsWith30)), D, AsOf);
        // 30 %: T1 response 20 ≥ 9 min, T1 on site 3.5 ≥ 1.2 h, T2 2 ≥ 1.2 h, T3 5 ≥ 1.2 h → 4; the level did not exist before → 0.
        Assert.Equal(0, result.Current.EscalationsByLevel[30]);
        Assert.Equal(4, result.Proposed.EscalationsByLevel[30]);
        Assert.Equal(result.Current.EscalationsByLevel[100], result.Proposed.EscalationsByLevel[100]);
        Assert.Equal(3, result.ChangedTotal);                                  // every ticket escalates once more
        Assert.Equal(result.Current.BreachedTickets, result.Proposed.BreachedTickets);
    }

    [Fact]
    public void OfficeHours_CountOnlyOpenTime_SoAWeekendNoLongerBreaches()
    {
        // Friday 2026-08-07 16:30 to Monday 09:30: 65 h of natural time; on the office calendar 1 h Friday + 1 h Monday.
        var friday = new DateTimeOffset(2026, 8, 7, 16, 30, 0, TimeSpan.FromHours(8));
        var ticket = new ReplayTicket("W1", "打印机卡纸", "4502", Liuzhou, null, false, Liuzhou, "pc", "single", "", friday,
            [new ReplayClock(ClockKind.OnSite, TimeSpan.FromHours(4), null, [new RunningStretch(friday, friday.AddHours(65))])]);
        var office = Sla.Replace("\"calendar\": \"natural\"", "\"calendar\": \"office\"");
        var result = RuleReplay.Compare([ticket], _ => (Rules(), Rules(office)), D, AsOf);
        var now = result.Changed.Single().Current.Clocks.Single();
        var then = result.Changed.Single().Proposed.Clocks.Single();
        Assert.Equal((TimeSpan.FromHours(65), true), (now.Used, now.Breached));
        Assert.Equal((TimeSpan.FromHours(2), false), (then.Used, then.Breached));
    }

    [Fact]
    public void AGradeAnAgentSet_Stays_AndATargetTheDefinitionFixed_Stays_WhileOthersAreRegraded()
    {
        // "服务器宕机" grades P1 by the table; overridden to P3 by an agent it stays P3 (response 2 h).
        var overridden = new ReplayTicket("G1", "服务器宕机", "4502", Liuzhou, Grade.P3, true, Liuzhou, "pc", "single", "", Day,
            [Clock(ClockKind.Response, TimeSpan.FromHours(2), (0, 1))]);
        var fixedByFlow = new ReplayTicket("G2", "打印机卡纸", "4502", Liuzhou, Grade.P3, false, Liuzhou, "pc", "single", "", Day,
            [new ReplayClock(ClockKind.Response, TimeSpan.FromMinutes(10), "definition: 10 min", [new RunningStretch(Day, Day.AddMinutes(20))], FixedByDefinition: true)]);
        var a = RuleReplay.Outcome(overridden, Rules(), D, AsOf);
        Assert.Equal((Grade.P3, TimeSpan.FromHours(2)), (a.Grade, a.Clocks[0].Target));
        var b = RuleReplay.Outcome(fixedByFlow, Rules(), D, AsOf);
        Assert.Equal((TimeSpan.FromMinutes(10), true), (b.Clocks[0].Target, b.Clocks[0].Breached));
    }

    [Fact]
    public void ClockEvents_BecomeRunningStretches_AndAClockStillRunningIsJudgedAtTheReplayMoment()
    {
        var h = TimeSpan.FromHours(4);
        var clocks = RuleReplay.ClocksFrom(
        [
            new ClockHistoryEvent(At(0), "start", ClockKind.OnSite, h, "same city"),
            new ClockHistoryEvent(At(1), "pause", ClockKind.OnSite, h, "same city"),
            new ClockHistoryEvent(At(2), "resume", ClockKind.OnSite, h, "same city"),
            new ClockHistoryEvent(At(3), "stop", ClockKind.OnSite, h, "same city"),
            new ClockHistoryEvent(At(0), "start", ClockKind.Resolution, TimeSpan.FromHours(8), "P3"),
            new ClockHistoryEvent(At(1), "resume", ClockKind.Resolution, null, null),       // a resume while running changes nothing
            // Reopened: the on-site clock starts afresh for a second visit, 2 h more.
            new ClockHistoryEvent(At(10), "start", ClockKind.OnSite, h, "same city"),
            new ClockHistoryEvent(At(12), "stop", ClockKind.OnSite, h, "same city"),
        ]);
        var visits = clocks.Where(c => c.Kind == ClockKind.OnSite).ToList();
        Assert.Equal(2, visits.Count);
        Assert.Equal([new RunningStretch(At(10), At(12))], visits[1].Running);
        Assert.Equal([new RunningStretch(At(0), At(1)), new RunningStretch(At(2), At(3))], visits[0].Running);
        var open = clocks.Single(c => c.Kind == ClockKind.Resolution);
        Assert.Equal([new RunningStretch(At(0), null)], open.Running);
        var outcome = RuleReplay.Outcome(new ReplayTicket("O1", "打印机卡纸", "4502", Liuzhou, Grade.P3, false, Liuzhou, "pc", "single", "", Day, clocks), Rules(), D, At(50));
        Assert.Equal((TimeSpan.FromHours(50), true), (outcome.Clocks.Single(c => c.Kind == ClockKind.Resolution).Used, outcome.Clocks.Single(c => c.Kind == ClockKind.Resolution).Breached));
    }

    [Fact]
    public void TheLastQuarter_IsTheFullCalendarQuarterBeforeToday_InChinaTime()
    {
        var china = TimeSpan.FromHours(8);
        // 2026-10-01 00:30 Beijing is still 2026-09-30 in UTC; in China the quarter has turned: the last one is July–September.
        Assert.Equal((new DateTimeOffset(2026, 7, 1, 0, 0, 0, china), new DateTimeOffset(2026, 10, 1, 0, 0, 0, china)),
            RuleReplay.LastQuarter(new DateTimeOffset(2026, 9, 30, 16, 30, 0, TimeSpan.Zero)));
        Assert.Equal((new DateTimeOffset(2026, 10, 1, 0, 0, 0, china), new DateTimeOffset(2027, 1, 1, 0, 0, 0, china)),
            RuleReplay.LastQuarter(new DateTimeOffset(2027, 2, 14, 12, 0, 0, china)));
    }
}
