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
}
