using XinchuangFlow.Application.Rules;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Infrastructure.Rules;

namespace XinchuangFlow.Infrastructure.Tests;

/// <summary>Holidays and make-up working days from an .ics file (SLA-3), and what they do to working-hour deadlines.</summary>
public sealed class CalendarImportTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    // National Day 2026: 1–7 October off (one event spanning the week), make-up working days Sunday 27 September and
    // Saturday 10 October; New Year's Day every year; a timed meeting that is no holiday.
    private const string Ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//holidays//ZH\r\n" +
        "BEGIN:VEVENT\r\nUID:nd-2026\r\nDTSTART;VALUE=DATE:20261001\r\nDTEND;VALUE=DATE:20261008\r\nSUMMARY:国庆节 休\r\nEND:VEVENT\r\n" +
        "BEGIN:VEVENT\r\nUID:nd-w1\r\nDTSTART;VALUE=DATE:20260927\r\nSUMMARY:国庆节 补班\r\nEND:VEVENT\r\n" +
        "BEGIN:VEVENT\r\nUID:nd-w2\r\nDTSTART;VALUE=DATE:20261010\r\nSUMMARY:国庆节补班（上班）\r\nEND:VEVENT\r\n" +
        "BEGIN:VEVENT\r\nUID:ny\r\nDTSTART;VALUE=DATE:20250101\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:元旦\r\nEND:VEVENT\r\n" +
        "BEGIN:VEVENT\r\nUID:meeting\r\nDTSTART:20261009T020000Z\r\nDTEND:20261009T030000Z\r\nSUMMARY:例会\r\nEND:VEVENT\r\n" +
        "END:VCALENDAR\r\n";

    private static SlaRules Office(IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> makeUp) => SlaRules.Parse($$"""
        { "response": { "P1": "PT30M", "P2": "PT1H", "P3": "PT2H", "P4": "PT4H" },
          "resolution": { "P1": "PT8H", "P2": "PT24H", "P3": "PT48H", "P4": "PT72H" },
          "onSite": { "sameCity": "PT4H", "otherCity": "PT12H" }, "calendar": "office",
          "calendars": { "office": { "windows": ["08:30-12:00", "14:30-17:30"], "workingDays": [1,2,3,4,5],
            "holidays": [{{string.Join(",", holidays.Select(d => $"\"{d:yyyy-MM-dd}\""))}}],
            "makeUpWorkdays": [{{string.Join(",", makeUp.Select(d => $"\"{d:yyyy-MM-dd}\""))}}] } } }
        """);

    [Fact]
    public void AllDayEventsBecomeDays_AWeekLongHolidayEveryDay_BanDaysAreWorkdays_YearlyOnesExpanded_TimedOnesSkipped()
    {
        var read = new IcalCalendarReader().Read(Ics, new DateOnly(2025, 1, 1), new DateOnly(2027, 12, 31));
        Assert.Equal(
            [new(2025, 1, 1), new(2026, 1, 1), new(2026, 10, 1), new(2026, 10, 2), new(2026, 10, 3), new(2026, 10, 4), new(2026, 10, 5), new(2026, 10, 6), new(2026, 10, 7), new(2027, 1, 1)],
            read.Holidays);
        Assert.Equal([new DateOnly(2026, 9, 27), new DateOnly(2026, 10, 10)], read.MakeUpWorkdays);
        Assert.Equal(1, read.SkippedTimedEvents);
    }

    [Fact]
    public void ImportedHolidaysAndMakeUpDays_MoveWorkingHourDeadlines()
    {
        var read = new IcalCalendarReader().Read(Ics, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        var without = Office([], []).WorkingCalendar;
        var with = Office(read.Holidays, read.MakeUpWorkdays).WorkingCalendar;

        // Wednesday 30 September 16:30, 4 working hours: 1 h that day, then —
        var raised = new DateTimeOffset(2026, 9, 30, 16, 30, 0, China);
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 11, 30, 0, China), without.Add(raised, TimeSpan.FromHours(4)));   // Thursday 1 October 08:30 + 3 h
        Assert.Equal(new DateTimeOffset(2026, 10, 8, 11, 30, 0, China), with.Add(raised, TimeSpan.FromHours(4)));      // the holiday week skipped

        // Saturday 10 October 09:00, 2 working hours: a make-up working day runs the clock the same day.
        var saturday = new DateTimeOffset(2026, 10, 10, 9, 0, 0, China);
        Assert.Equal(new DateTimeOffset(2026, 10, 12, 10, 30, 0, China), without.Add(saturday, TimeSpan.FromHours(2)));
        Assert.Equal(new DateTimeOffset(2026, 10, 10, 11, 0, 0, China), with.Add(saturday, TimeSpan.FromHours(2)));
    }

    [Theory]
    [InlineData("this is not a calendar")]
    [InlineData("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:notadate\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")]
    public void AFileThatIsNotACalendar_IsRefusedWithAReason(string text)
    {
        var ex = Assert.Throws<InvalidDataException>(() => new IcalCalendarReader().Read(text, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public void ADailyEventForever_IsCutAtTheRange_NotReadForever()
    {
        const string daily = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:d\r\nDTSTART;VALUE=DATE:20260101\r\nRRULE:FREQ=DAILY\r\nSUMMARY:休\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        var read = new IcalCalendarReader().Read(daily, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31));
        Assert.Equal(31, read.Holidays.Count);
        var ex = Assert.Throws<InvalidDataException>(() => new IcalCalendarReader().Read(daily, new DateOnly(2026, 1, 1), new DateOnly(2031, 12, 31)));   // 2,191 days
        Assert.Contains("more than", ex.Message);
    }

    private static string Event(string rule, string start = "20260101", string summary = "休", string uid = "e") =>
        $"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART;VALUE=DATE:{start}\r\nRRULE:{rule}\r\nSUMMARY:{summary}\r\nEND:VEVENT\r\n";

    private static string File(params string[] events) => "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n" + string.Concat(events) + "END:VCALENDAR\r\n";

    /// <summary>
    /// Reads the range the editor asks for (last year to two years ahead) with a 1 s time bound, timed: a hostile file
    /// is answered within the bound and a little more (slack for a busy test machine), whichever limit stops it.
    /// </summary>
    private static (ImportedCalendar? Read, InvalidDataException? Refused) Timed(string text, CancellationToken ct = default)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try { return (new IcalCalendarReader(TimeSpan.FromSeconds(1)).Read(text, new DateOnly(2025, 1, 1), new DateOnly(2028, 12, 31), ct), null); }
        catch (InvalidDataException ex) { return (null, ex); }
        finally { Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"the file took {watch.Elapsed} to read"); }
    }

    [Theory]
    [InlineData("FREQ=SECONDLY;COUNT=100000000", "every second")]
    [InlineData("FREQ=MINUTELY", "every minute")]
    [InlineData("FREQ=HOURLY;INTERVAL=1", "every hour")]
    [InlineData("FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;BYMINUTE=0,15,30,45", "given hours, minutes or seconds")]
    public void ARuleRepeatingMoreOftenThanDaily_IsRefusedUpFront(string rule, string said)
    {
        var (_, refused) = Timed(File(Event(rule)));
        Assert.NotNull(refused);
        Assert.Contains(said, refused.Message);
        // Hidden behind a harmless first rule it is refused all the same.
        var (_, second) = Timed(File($"BEGIN:VEVENT\r\nUID:two\r\nDTSTART;VALUE=DATE:20260101\r\nRRULE:FREQ=YEARLY\r\nRRULE:{rule}\r\nSUMMARY:休\r\nEND:VEVENT\r\n"));
        Assert.NotNull(second);
    }

    [Fact]
    public void ADailyRuleWithoutEnd_OrWithAHugeCount_IsBounded()
    {
        // An endless daily rule is read up to the end of the range asked for, and no further.
        var (endless, _) = Timed(File(Event("FREQ=DAILY")));
        Assert.Equal(new DateOnly(2028, 12, 31).DayNumber - new DateOnly(2026, 1, 1).DayNumber + 1, endless!.Holidays.Count);
        // Many endless rules over the same days are stopped by the number of occurrences, not by the days they name.
        var (_, many) = Timed(File(Enumerable.Range(0, 40).Select(i => Event("FREQ=DAILY;COUNT=2000000000", uid: $"d{i}")).ToArray()));
        Assert.Contains("expands to more than 5,000 days", many!.Message);
        // Started in year 1, an endless rule is still read within the bound.
        var (ancient, _) = Timed(File(Event("FREQ=DAILY", start: "00010101")));
        Assert.Equal(new DateOnly(2028, 12, 31).DayNumber - new DateOnly(2025, 1, 1).DayNumber + 1, ancient!.Holidays.Count);
    }

    [Fact]
    public void AYearlyRuleWithAHugeCount_GivesItsFewDaysInTheRange()
    {
        var (read, refused) = Timed(File(Event("FREQ=YEARLY;COUNT=2000000000", start: "00010501", summary: "劳动节")));
        Assert.Null(refused);
        Assert.Equal([new DateOnly(2025, 5, 1), new DateOnly(2026, 5, 1), new DateOnly(2027, 5, 1), new DateOnly(2028, 5, 1)], read!.Holidays);
        // An event lasting thousands of years counts its days outside the range, without walking them.
        var (long_, _) = Timed(File("BEGIN:VEVENT\r\nUID:l\r\nDTSTART;VALUE=DATE:20280101\r\nDTEND;VALUE=DATE:29991231\r\nRRULE:FREQ=DAILY;COUNT=3\r\nSUMMARY:休\r\nEND:VEVENT\r\n"));
        Assert.Equal(366, long_!.Holidays.Count);
    }

    [Fact]
    public void ManyRulesThatEachTakeLongToReachTheRange_StopAtTheTimeBound()
    {
        // Each New Year's Day rule counts days from year 1 up to the range: a fraction of a second each, seconds for all.
        var (_, slow) = Timed(File(Enumerable.Range(0, 60).Select(i => Event("FREQ=DAILY;BYMONTH=1;BYMONTHDAY=1", start: "00010101", uid: $"s{i}")).ToArray()));
        Assert.Contains("takes longer than 1 s to read", slow!.Message);
    }

    [Fact]
    public void ARuleThatNeverMatches_IsRefused_AndACancelledReadStops()
    {
        var (_, never) = Timed(File(Event("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30")));
        Assert.Contains("finds no day", never!.Message);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => new IcalCalendarReader().Read(File(Event("FREQ=DAILY")), new DateOnly(2025, 1, 1), new DateOnly(2028, 12, 31), cancelled.Token));
    }
}
