using XinchuangFlow.Domain.Exchange;
using XinchuangFlow.Domain.Grading;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Domain.Tests;

/// <summary>
/// A reported ticket (DAT-2) made from its records with the platform's own SLA code: every expected clock is worked out
/// by hand in the comments. Natural time, grade P3 (the default row): response 2 h, resolution 48 h, on site 4 h in the
/// same city and 12 h from another.
/// </summary>
public sealed class ReportedTicketFoldTests
{
    private const string Sla = """
    { "response": { "P1": "PT30M", "P2": "PT1H", "P3": "PT2H", "P4": "PT4H" },
      "resolution": { "P1": "PT8H", "P2": "PT24H", "P3": "PT48H", "P4": "PT72H" },
      "onSite": { "sameCity": "PT4H", "otherCity": "PT12H" }, "calendar": "natural" }
    """;
    private const string Levels = """{ "levels": [ { "percent": 100, "roles": ["MunicipalCoordinator"] } ] }""";
    private const string Grading = """{ "rows": [ { "id": "down", "grade": "P1", "keywordsAny": ["宕机"] }, { "id": "default", "grade": "P3" } ] }""";
    private static readonly ReplayRules Rules = ReplayRules.Of(Sla, Levels, Grading);
    private static readonly GuangxiDivisions D = GuangxiDivisions.Shipped;
    private static readonly string Nanning = D.CountiesOf("4501")[0].Code;
    private static readonly string Guilin = D.CountiesOf("4503")[0].Code;
    private static readonly DateTimeOffset T0 = new(2026, 8, 3, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Guid Enterprise = Guid.Parse("0195a000-0000-7000-8000-000000000001");

    private static ReportedTicketData Header(string title = "打印机无法打印") =>
        new(T0, "hotline", "南宁市某局", "李四", "13800000000", "4501", Nanning, "peripheral", null, null, null, "统信UOS 20", title, "", "single");

    private static ReportedEventData E(int seq, double hours, string kind, string? point = null, string? reason = null, int? satisfaction = null) =>
        new(seq, T0.AddHours(hours), kind, kind == ExchangeKinds.Dispatched ? "王工" : null, point, reason, kind == ExchangeKinds.Resolved ? "更换硒鼓" : null, satisfaction, null);

    private static Ticket Fold(IEnumerable<ReportedEventData> events, ReportedTicketData? header = null, DateTimeOffset? now = null)
    {
        var ticket = new Ticket();
        ReportedTicketFold.Apply(ticket, Enterprise, header ?? Header(), events, Rules, "region", D, now ?? T0.AddDays(10));
        return ticket;
    }

    [Fact]
    public void ASameCityVisit_WithTheUserAway_CountsEveryClockAsThePlatformDoes()
    {
        var t = Fold([
            E(1, 0.25, ExchangeKinds.Dispatched, Nanning), E(2, 0.5, ExchangeKinds.Accepted), E(3, 1, ExchangeKinds.SetOut), E(4, 3, ExchangeKinds.CheckedIn),
            E(5, 4, ExchangeKinds.Paused, reason: "user"), E(6, 5, ExchangeKinds.Resumed), E(7, 6, ExchangeKinds.Resolved), E(8, 7, ExchangeKinds.Feedback, satisfaction: 5),
            E(9, 7, ExchangeKinds.Closed)]);
        var c = t.Clocks();
        Assert.Equal((Enterprise, Enterprise, TicketStatus.Closed, Grade.P3), (t.ReportedBy!.Value, t.IntegratorId!.Value, t.Status, t.Grade!.Value));
        // Response: 09:00 → accepted 09:30 = 30 min of 2 h.
        Assert.Equal((TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), ClockState.Stopped), (c.Response.Consumed, c.Response.Target, c.Response.State));
        // On site: accepted 09:30 → checked in 12:00 = 2 h 30 min of 4 h (the point is in the requester's city).
        Assert.Equal((TimeSpan.FromHours(2.5), TimeSpan.FromHours(4)), (c.OnSite.Consumed, c.OnSite.Target));
        // Resolution: 09:00 → 13:00 (4 h), paused for the user until 14:00, → 15:00 (1 h) = 5 h of 48 h; 1 h paused.
        Assert.Equal((TimeSpan.FromHours(5), TimeSpan.FromHours(1), TimeSpan.FromHours(48)), (c.Resolution.Consumed, c.Resolution.PausedTotal, c.Resolution.Target));
        Assert.Equal((false, true, 0, 5), (t.Breached, t.FirstTimeFix, t.ReopenCount, t.Satisfaction!.Value));
        Assert.Equal((T0.AddHours(3), T0.AddHours(6), T0.AddHours(7)), (t.CheckInAt!.Value, t.ResolvedAt!.Value, t.ClosedAt!.Value));
        Assert.Null(t.NextClock);
    }

    [Fact]
    public void APointInAnotherCity_Has12Hours_AndOnSiteAfter13HoursIsBreached()
    {
        var t = Fold([E(1, 0, ExchangeKinds.Dispatched, Guilin), E(2, 1, ExchangeKinds.Accepted), E(3, 14, ExchangeKinds.CheckedIn)]);
        // Accepted 10:00, on site 23:00: 13 h of 12 h.
        Assert.Equal((TimeSpan.FromHours(12), TimeSpan.FromHours(13)), (t.Clocks().OnSite.Target, t.Clocks().OnSite.Consumed));
        Assert.True(t.Breached);
        Assert.True(t.IsLate(t.Clocks().OnSite, T0.AddDays(1)));
    }

    [Fact]
    public void EventsInAnyOrder_GiveTheSameTicket()
    {
        ReportedEventData[] inOrder = [E(1, 0.25, ExchangeKinds.Dispatched, Nanning), E(2, 0.5, ExchangeKinds.Accepted), E(3, 2, ExchangeKinds.CheckedIn),
            E(4, 3, ExchangeKinds.Paused, reason: "vendor"), E(5, 20, ExchangeKinds.Resumed), E(6, 21, ExchangeKinds.Resolved)];
        var a = Fold(inOrder);
        var b = Fold([inOrder[5], inOrder[2], inOrder[0], inOrder[4], inOrder[3], inOrder[1]]);
        Assert.Equal(a.ClocksJson, b.ClocksJson);
        Assert.Equal((a.Status, a.ResolvedAt), (b.Status, b.ResolvedAt));
        // Resolution: 09:00 → 12:00 (3 h), waiting for the vendor until 05:00 the next day (17 h paused), → 06:00 (1 h) = 4 h.
        Assert.Equal((TimeSpan.FromHours(4), TimeSpan.FromHours(17)), (a.Clocks().Resolution.Consumed, a.Clocks().Resolution.PausedTotal));
    }

    [Fact]
    public void WaitingForTheVendor_ShowsAsVendorSupport_UntilResumed()
    {
        var waiting = Fold([E(1, 0, ExchangeKinds.Dispatched, Nanning), E(2, 1, ExchangeKinds.Accepted), E(3, 2, ExchangeKinds.CheckedIn), E(4, 3, ExchangeKinds.Paused, reason: "vendor")],
            now: T0.AddHours(5));
        Assert.Equal((TicketStatus.VendorSupport, ClockState.Paused, "paused"), (waiting.Status, waiting.Clocks().Resolution.State, waiting.NextClock));
        var back = Fold([E(1, 0, ExchangeKinds.Dispatched, Nanning), E(2, 1, ExchangeKinds.Accepted), E(3, 2, ExchangeKinds.CheckedIn), E(4, 3, ExchangeKinds.Paused, reason: "vendor"),
            E(5, 4, ExchangeKinds.Resumed)], now: T0.AddHours(5));
        Assert.Equal((TicketStatus.OnSite, "resolution"), (back.Status, back.NextClock));
        // Running again from 13:00 with 3 h used: due 13:00 + 45 h.
        Assert.Equal(T0.AddHours(4 + 45), back.ResolutionDueAt);
    }

    [Fact]
    public void AReopenedTicket_IsNoFirstTimeFix_KeepsItsFirstResponse_AndTheNextVisitHasAFreshOnSiteClock()
    {
        var t = Fold([E(1, 0, ExchangeKinds.Dispatched, Nanning), E(2, 1, ExchangeKinds.Accepted), E(3, 2, ExchangeKinds.CheckedIn), E(4, 3, ExchangeKinds.Resolved),
            E(5, 10, ExchangeKinds.Reopened)], now: T0.AddHours(11));
        Assert.Equal((TicketStatus.Reopened, 1, false), (t.Status, t.ReopenCount, t.FirstTimeFix));
        // The response was given at 1 h and stays; the resolution clock runs on from 3 h used, from the reopening at 10 h.
        Assert.Equal((ClockState.Stopped, TimeSpan.FromHours(1)), (t.Clocks().Response.State, t.Clocks().Response.Consumed));
        Assert.Equal(T0.AddHours(10 + 45), t.ResolutionDueAt);
        Assert.Null(t.ResolvedAt);

        // Accepted again at 12 h, on site at 17 h: the second visit took 5 h of its 4 h — late, whatever the first visit did.
        var again = Fold([E(1, 0, ExchangeKinds.Dispatched, Nanning), E(2, 1, ExchangeKinds.Accepted), E(3, 2, ExchangeKinds.CheckedIn), E(4, 3, ExchangeKinds.Resolved),
            E(5, 10, ExchangeKinds.Reopened), E(6, 12, ExchangeKinds.Accepted), E(7, 17, ExchangeKinds.CheckedIn)], now: T0.AddHours(18));
        Assert.Equal((ClockState.Stopped, TimeSpan.FromHours(5)), (again.Clocks().OnSite.State, again.Clocks().OnSite.Consumed));
        Assert.True(again.Breached);
    }

    [Fact]
    public void ARemoteFix_EndsTheOnSiteClockWhenTakenUp()
    {
        var t = Fold([E(1, 0, ExchangeKinds.Dispatched, Guilin), E(2, 1, ExchangeKinds.Accepted), E(3, 1.5, ExchangeKinds.Remote), E(4, 2, ExchangeKinds.Resolved)]);
        Assert.Equal((ClockState.Stopped, TimeSpan.FromMinutes(30), true, TicketStatus.Resolved),
            (t.Clocks().OnSite.State, t.Clocks().OnSite.Consumed, t.RemoteHandled, t.Status));
    }

    [Fact]
    public void TheGradingTableGrades_AndALateAnswerStillRunningIsBreachedNow()
    {
        // "宕机" is P1 by the table: response 30 min; nobody accepted within 40 minutes.
        var t = Fold([], Header("服务器宕机"), now: T0.AddMinutes(40));
        Assert.Equal((Grade.P1, TimeSpan.FromMinutes(30), true, "response"), (t.Grade!.Value, t.Clocks().Response.Target, t.Breached, t.NextClock));
    }

    [Fact]
    public void TheRulesInForce_AreThoseOfTheTicketsCreation()
    {
        var regionV1 = new RuleVersion(RuleKinds.Sla, RuleKinds.RegionScope, 1, T0.AddDays(-30), Sla);
        var cityV1 = new RuleVersion(RuleKinds.Sla, "4501", 1, T0.AddDays(1), """{ "onSite": { "sameCity": "PT2H" } }""");
        var timeline = new RuleTimeline([regionV1, cityV1,
            new RuleVersion(RuleKinds.Escalation, RuleKinds.RegionScope, 1, T0.AddDays(-30), Levels),
            new RuleVersion(RuleKinds.Grading, RuleKinds.RegionScope, 1, T0.AddDays(-30), Grading)]);

        var (before, beforeScope) = timeline.RulesAt("4501", T0);
        var (after, afterScope) = timeline.RulesAt("4501", T0.AddDays(2));
        var (elsewhere, elsewhereScope) = timeline.RulesAt("4503", T0.AddDays(2));
        Assert.Equal((TimeSpan.FromHours(4), "region"), (before.Sla.OnSiteTargets(Grade.P3).SameCity, beforeScope));
        Assert.Equal((TimeSpan.FromHours(2), "4501"), (after.Sla.OnSiteTargets(Grade.P3).SameCity, afterScope));
        Assert.Equal((TimeSpan.FromHours(4), "region"), (elsewhere.Sla.OnSiteTargets(Grade.P3).SameCity, elsewhereScope));
        // Before the first saved regional version, that version counts.
        Assert.Equal(TimeSpan.FromHours(4), timeline.RulesAt("4501", T0.AddDays(-100)).Rules.Sla.OnSiteTargets(Grade.P3).SameCity);
    }
}
