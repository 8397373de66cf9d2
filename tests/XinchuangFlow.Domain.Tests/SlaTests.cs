using XinchuangFlow.Domain.Tickets;
using Microsoft.Extensions.Time.Testing;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Sla;

namespace XinchuangFlow.Domain.Tests;

public class WorkingCalendarTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    // Nanning office hours with the 2026 National Day holiday and its make-up Saturday.
    private static readonly WorkingCalendar Office = new("nanning-office",
        [new OpenWindow(new TimeOnly(8, 30), new TimeOnly(12, 0)), new OpenWindow(new TimeOnly(14, 0), new TimeOnly(17, 30))],
        new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday },
        holidays: Enumerable.Range(1, 7).Select(d => new DateOnly(2026, 10, d)).ToHashSet(),
        makeUpWorkdays: new HashSet<DateOnly> { new(2026, 10, 10) });

    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, Cst);

    [Theory]
    [InlineData(9, 25, 16, 30, 4.0, 9, 28, 11, 30)]   // Friday afternoon → Monday morning
    [InlineData(9, 30, 17, 0, 2.0, 10, 8, 10, 0)]     // skips the National Day week
    [InlineData(10, 9, 17, 0, 1.0, 10, 10, 9, 0)]     // a make-up Saturday is a working day
    [InlineData(9, 28, 12, 30, 1.0, 9, 28, 15, 0)]    // started over lunch: counts from 14:00
    [InlineData(9, 28, 11, 30, 1.0, 9, 28, 14, 30)]   // runs across lunch
    public void Add_SkipsClosedTime(int m, int d, int h, int min, double hours, int em, int ed, int eh, int emin) =>
        Assert.Equal(Local(em, ed, eh, emin), Office.Add(Local(m, d, h, min), TimeSpan.FromHours(hours)));

    [Fact]
    public void Add_ZeroFromClosedTime_LandsOnNextOpening_NeverInsideClosedTime()
    {
        Assert.Equal(Local(9, 28, 8, 30), Office.Add(Local(9, 26, 10, 0), TimeSpan.Zero));  // Saturday → Monday 08:30
        var start = Local(9, 24, 0, 0);
        for (var minutes = 0; minutes < 60 * 24 * 5; minutes += 37)
        {
            var deadline = Office.Add(start, TimeSpan.FromMinutes(minutes));
            var local = deadline.ToOffset(Cst);
            var t = TimeOnly.FromDateTime(local.DateTime);
            Assert.True(Office.IsWorkingDay(DateOnly.FromDateTime(local.DateTime)), $"{local} is not a working day");
            Assert.True(Office.Windows.Any(w => t >= w.From && t <= w.To), $"{local} is outside the opening hours");
            Assert.Equal(TimeSpan.FromMinutes(minutes), Office.Between(start, deadline));
        }
    }

    [Fact]
    public void Natural_IsPlainArithmetic()
    {
        var t = Local(10, 1, 23, 0);
        Assert.Equal(t.AddHours(12), WorkingCalendar.Natural.Add(t, TimeSpan.FromHours(12)));
        Assert.Equal(TimeSpan.FromHours(3), WorkingCalendar.Natural.Between(t, t.AddHours(3)));
    }

    [Fact]
    public void Constructor_RejectsBadWindows()
    {
        var days = new HashSet<DayOfWeek> { DayOfWeek.Monday };
        Assert.Throws<ArgumentException>(() => new WorkingCalendar("x", [], days));
        Assert.Throws<ArgumentException>(() => new WorkingCalendar("x", [new OpenWindow(new TimeOnly(12, 0), new TimeOnly(9, 0))], days));
        Assert.Throws<ArgumentException>(() => new WorkingCalendar("x",
            [new OpenWindow(new TimeOnly(8, 0), new TimeOnly(12, 0)), new OpenWindow(new TimeOnly(11, 0), new TimeOnly(13, 0))], days));
    }
}

public class SlaClockTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 9, 28, 1, 0, 0, TimeSpan.Zero));
    private static readonly WorkingCalendar Natural = WorkingCalendar.Natural;

    [Fact]
    public void PauseAndResume_MoveTheDeadline_AndPausedTimeSurvivesAPolicyChange()
    {
        var t0 = _time.GetUtcNow();
        var clock = new SlaClock { Kind = ClockKind.OnSite };
        clock.Start(t0, TimeSpan.FromHours(4), "same city");
        Assert.Equal(t0.AddHours(4), clock.Deadline(Natural));

        _time.Advance(TimeSpan.FromHours(1));
        clock.Pause(_time.GetUtcNow(), Natural);            // waiting on the user
        Assert.Null(clock.Deadline(Natural));
        _time.Advance(TimeSpan.FromHours(2));
        clock.Resume(_time.GetUtcNow());
        Assert.Equal(t0.AddHours(6), clock.Deadline(Natural));
        Assert.Equal(TimeSpan.FromHours(2), clock.PausedTotal);

        _time.Advance(TimeSpan.FromHours(1));
        clock.ChangeTarget(TimeSpan.FromHours(12), "city override");   // a new policy: 12 h
        Assert.Equal(TimeSpan.FromHours(2), clock.PausedTotal);
        Assert.Equal(TimeSpan.FromHours(2), clock.Elapsed(_time.GetUtcNow(), Natural));
        Assert.Equal(t0.AddHours(14), clock.Deadline(Natural));
        Assert.Equal(t0.AddHours(3).AddHours(12 * 0.8 - 1), clock.MomentAt(0.8, Natural));   // resumed at +3 h with 1 h used

        _time.Advance(TimeSpan.FromHours(1));
        clock.Stop(_time.GetUtcNow(), Natural);
        Assert.Equal(ClockState.Stopped, clock.State);
        Assert.Equal(TimeSpan.FromHours(3), clock.Consumed);
        Assert.False(clock.Breached(_time.GetUtcNow().AddDays(3), Natural));   // a stopped clock does not run on
        Assert.Equal(0.25, clock.Share(_time.GetUtcNow().AddDays(3), Natural), 6);
    }

    [Fact]
    public void Breach_WhenRunningTimeExceedsTarget()
    {
        var clock = new SlaClock { Kind = ClockKind.Response };
        var t0 = _time.GetUtcNow();
        clock.Start(t0, TimeSpan.FromMinutes(30));
        Assert.False(clock.Breached(t0.AddMinutes(30), Natural));
        Assert.True(clock.Breached(t0.AddMinutes(31), Natural));
        clock.Stop(t0.AddMinutes(45), Natural);
        Assert.True(clock.Breached(t0.AddMinutes(45), Natural));
        Assert.Throws<InvalidOperationException>(() => clock.Start(t0, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void OnWorkingCalendar_ClosedTimeDoesNotCount()
    {
        var office = new WorkingCalendar("office", [new OpenWindow(new TimeOnly(9, 0), new TimeOnly(17, 0))],
            new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday });
        var friday4pm = new DateTimeOffset(2026, 10, 2, 16, 0, 0, TimeSpan.FromHours(8));
        var clock = new SlaClock { Kind = ClockKind.Resolution };
        clock.Start(friday4pm, TimeSpan.FromHours(8));
        Assert.Equal(new DateTimeOffset(2026, 10, 5, 16, 0, 0, TimeSpan.FromHours(8)), clock.Deadline(office));
        Assert.Equal(TimeSpan.FromHours(1), clock.Elapsed(friday4pm.AddDays(2), office));   // Sunday: still 1 h used
    }
}

public class OnSitePolicyTests
{
    private readonly OnSitePolicy _policy = new(GuangxiDivisions.Shipped);
    private static string County(string name) => GuangxiDivisions.Shipped.Counties.Single(c => c.Name == name).Code;

    [Fact]
    public void SameCity_4Hours_OtherCity_12Hours_WithReason()
    {
        var (same, why) = _policy.Target(County("青秀区"), County("横州市"), Grade.P2);
        Assert.Equal(TimeSpan.FromHours(4), same);
        Assert.Equal((TargetReason.OnSiteSame, "4501", null, TargetReason.FromRegion), (why.Basis, why.RequesterCity, why.PointCity, why.From));
        Assert.Equal(why, TargetReason.Decode(why.Encode()));                // stored with the clock, read back whole
        var (other, why2) = _policy.Target(County("青秀区"), County("荔浦市"), Grade.P2);
        Assert.Equal(TimeSpan.FromHours(12), other);
        Assert.Equal((TargetReason.OnSiteOther, "4501", "4503"), (why2.Basis, why2.RequesterCity, why2.PointCity));
        Assert.Equal("service point in 4503, requester in 4501 (regional default)", why2.ToString());
    }

    [Fact]
    public void CityAndGradeOverrides_ApplyToTheRequesterCity()
    {
        _policy.Overrides[("4510", null)] = (TimeSpan.FromHours(6), TimeSpan.FromHours(16));       // 百色市: mountainous
        _policy.Overrides[("4510", Grade.P1)] = (TimeSpan.FromHours(3), TimeSpan.FromHours(10));
        var baise = GuangxiDivisions.Shipped.CountiesOf("4510")[0].Code;
        Assert.Equal(TimeSpan.FromHours(6), _policy.Target(baise, baise, Grade.P3).Target);
        Assert.Equal(TimeSpan.FromHours(3), _policy.Target(baise, baise, Grade.P1).Target);
        Assert.Equal(TimeSpan.FromHours(16), _policy.Target(baise, County("青秀区"), Grade.P4).Target);
        Assert.Equal(TimeSpan.FromHours(4), _policy.Target(County("青秀区"), County("青秀区"), Grade.P1).Target);
        Assert.Throws<ArgumentException>(() => _policy.Target("000000", baise, null));
    }
}
