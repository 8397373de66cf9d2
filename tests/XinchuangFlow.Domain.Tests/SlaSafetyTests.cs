using XinchuangFlow.Domain.Tickets;
using System.Diagnostics;
using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Sla;

namespace XinchuangFlow.Domain.Tests;

/// <summary>
/// Rules that cannot give a ticket a deadline (issue 19, SEC-4): the calendar's search is bounded and says "no
/// deadline" instead of failing, a clock on such a calendar runs without a due time, and such rules are refused
/// before they are saved — no open time, too little, holidays closing it for years, or a list of 70,000 holidays.
/// </summary>
public sealed class SlaSafetyTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    // Friday 2026-11-27 09:00 China time.
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, Cst);
    private static readonly OpenWindow Morning = new(new TimeOnly(8, 30), new TimeOnly(12, 0));
    private static readonly HashSet<DayOfWeek> Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>The shipped regional SLA rules with the named calendar in force.</summary>
    private static string Rules(JsonObject calendar)
    {
        var doc = RuleOverrides.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "rules", "sla.json")));
        doc["calendar"] = "work";
        doc["calendars"] = new JsonObject { ["work"] = calendar };
        return doc.ToJsonString();
    }

    private static JsonObject Calendar(string[] windows, int[] workingDays, IEnumerable<DateOnly>? holidays = null, IEnumerable<DateOnly>? makeUp = null) => new()
    {
        ["windows"] = new JsonArray(windows.Select(w => (JsonNode)w).ToArray()),
        ["workingDays"] = new JsonArray(workingDays.Select(d => (JsonNode)d).ToArray()),
        ["holidays"] = new JsonArray((holidays ?? []).Select(d => (JsonNode)d.ToString("yyyy-MM-dd")).ToArray()),
        ["makeUpWorkdays"] = new JsonArray((makeUp ?? []).Select(d => (JsonNode)d.ToString("yyyy-MM-dd")).ToArray()),
    };

    private static string Refusal(string json)
    {
        var sw = Stopwatch.StartNew();
        var ex = Assert.Throws<InvalidDataException>(() => RuleBook.Validate(RuleKinds.Sla, json, Now));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(2), $"the check took {sw.Elapsed}");
        return ex.Message;
    }

    [Fact]
    public void ACalendarWithoutOpenTime_GivesNoDeadline_QuicklyAndWithoutThrowing_AndAddSaysWhy()
    {
        var closed = new WorkingCalendar("closed", [Morning], new HashSet<DayOfWeek>());
        var sw = Stopwatch.StartNew();
        Assert.Null(closed.TryAdd(Now, TimeSpan.FromHours(1)));
        // Years of holidays: the search gives up after its bound (ten years), not after minutes.
        var yearsOff = new WorkingCalendar("years-off", [Morning], Weekdays,
            holidays: Enumerable.Range(0, 70_000).Select(i => new DateOnly(2000, 1, 1).AddDays(i)).ToHashSet());
        Assert.Null(yearsOff.TryAdd(Now, TimeSpan.FromHours(1)));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(2), $"took {sw.Elapsed}");
        var ex = Assert.Throws<NoOpenTimeException>(() => closed.Add(Now, TimeSpan.FromHours(1)));
        Assert.Contains("has no open time", ex.Message);
        Assert.Contains("no deadline can be computed", ex.Message);
        // Where there is open time the bounded search finds it as before.
        var monday = new DateTimeOffset(2026, 11, 30, 9, 30, 0, Cst);
        Assert.Equal(monday, new WorkingCalendar("open", [Morning], Weekdays).TryAdd(new DateTimeOffset(2026, 11, 28, 10, 0, 0, Cst), TimeSpan.FromHours(1)));
        // A deadline further than the search allows is no deadline either.
        Assert.Null(new WorkingCalendar("open", [Morning], Weekdays).TryAdd(Now, TimeSpan.FromHours(3.5 * 5 * 3), maxDays: 14));
    }

    [Fact]
    public void AClockOnSuchACalendar_RunsWithoutADueTime_AndTheTicketStillSortsItsOtherClocks()
    {
        var closed = new WorkingCalendar("closed", [Morning], new HashSet<DayOfWeek>());
        var clock = new SlaClock { Kind = ClockKind.Response };
        clock.Start(Now, TimeSpan.FromHours(1));
        Assert.Null(clock.Deadline(closed));
        Assert.Null(clock.MomentAt(0.5, closed));
        Assert.True(clock.HasNoDeadline(closed));
        Assert.False(clock.HasNoDeadline(WorkingCalendar.Natural));
        Assert.Equal(TimeSpan.Zero, clock.Elapsed(Now.AddHours(5), closed));

        var ticket = new Tickets.Ticket { Number = "GX-4501-20261127-00001" };
        ticket.Clocks().Response.Start(Now, TimeSpan.FromHours(1));
        ticket.SyncClocks(Now, closed);
        Assert.Null(ticket.ResponseDueAt);
        Assert.Null(ticket.NextDueAt);
        Assert.Equal("response", ticket.NextClock);
    }

    [Fact]
    public void TheShippedRulesAndOfficeHours_Pass()
    {
        RuleBook.Validate(RuleKinds.Sla, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "rules", "sla.json")), Now);
        RuleBook.Validate(RuleKinds.Sla, Rules(Calendar(["08:30-12:00", "14:30-17:30"], [1, 2, 3, 4, 5],
            holidays: Enumerable.Range(1, 7).Select(d => new DateOnly(2026, 10, d)), makeUp: [new DateOnly(2026, 9, 27)])), Now);
        // Two thousand holidays spread over the years (every Wednesday) leave open time every week: accepted, and quickly.
        var wednesdays = Enumerable.Range(0, 2_000).Select(i => new DateOnly(2026, 12, 2).AddDays(7 * i));
        var sw = Stopwatch.StartNew();
        RuleBook.Validate(RuleKinds.Sla, Rules(Calendar(["08:30-12:00", "14:30-17:30"], [1, 2, 3, 4, 5], holidays: wednesdays)), Now);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(2), $"took {sw.Elapsed}");
    }

    [Fact]
    public void EveryWeekdayClosed_IsRefused_NamingTheCalendarAndAClock()
    {
        var message = Refusal(Rules(Calendar(["08:30-12:00"], [])));
        Assert.Contains("The working calendar 'work' has no open time", message);
        Assert.Contains("no deadline can be computed for P1 response", message);
    }

    [Fact]
    public void OnlyMakeUpDays_AndNoWorkingWeekday_IsRefused_ForTheTicketsAfterTheLastOne()
    {
        // Five make-up days next week open long enough for a ticket raised today; after them the calendar never opens.
        var message = Refusal(Rules(Calendar(["00:00-23:59"], [], makeUp: Enumerable.Range(1, 5).Select(d => new DateOnly(2026, 12, d)))));
        Assert.Contains("is closed too long from 2026-12-06", message);
    }

    [Fact]
    public void AWindowOfAMoment_OpensTooLittle_AndIsRefused()
    {
        // Open one minute a week: a P1 half-hour response takes thirty weeks, a P2 one-hour response more than a year.
        var message = Refusal(Rules(Calendar(["08:30-08:31"], [1])));
        Assert.Contains("The working calendar 'work' opens too little", message);
        Assert.Contains("can be computed for P2 response", message);
        Assert.Contains("more", message);
        Assert.DoesNotContain("P1 response", message);
    }

    [Fact]
    public void HolidaysThatCloseTheCalendarForYears_AreRefused_NamingWhen()
    {
        // Fine today; from next spring two closed years.
        var closed = Enumerable.Range(0, 730).Select(i => new DateOnly(2027, 3, 1).AddDays(i));
        var message = Refusal(Rules(Calendar(["08:30-12:00"], [1, 2, 3, 4, 5], holidays: closed)));
        Assert.Contains("is closed too long from 2027-03-01", message);
    }

    [Fact]
    public void SeventyThousandHolidays_AreRefused_ByCount_BeforeAnyDeadlineIsWorkedOut()
    {
        var many = Enumerable.Range(0, 70_000).Select(i => new DateOnly(2000, 1, 1).AddDays(i));
        var message = Refusal(Rules(Calendar(["08:30-12:00"], [1, 2, 3, 4, 5], holidays: many)));
        Assert.Contains("lists 70,000 holidays; at most 2,000 are allowed", message);
        var far = Refusal(Rules(Calendar(["08:30-12:00"], [1, 2, 3, 4, 5], holidays: [new DateOnly(9999, 12, 31)])));
        Assert.Contains("names 9999-12-31", far);
    }

    [Fact]
    public void TryIt_OnACalendarWithoutOpenTime_SaysSo_InsteadOfFailing()
    {
        var sla = SlaRules.Parse(Rules(Calendar(["08:30-12:00"], [])));   // parses: only a save checks deadlines
        var escalation = EscalationRules.Parse("""{ "levels": [ { "percent": 50, "roles": ["Dispatcher"] } ] }""");
        var d = GuangxiDivisions.Shipped;
        var ex = Assert.Throws<InvalidDataException>(() => RuleTrial.Run(sla, escalation, new TrialTicket(d.CountiesOf("4501")[0].Code, Grade.P1, Now), d, "4501"));
        Assert.Contains("has no open time for the response clock", ex.Message);
    }
}
