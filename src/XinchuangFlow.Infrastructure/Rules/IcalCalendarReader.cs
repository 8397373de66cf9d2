using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using XinchuangFlow.Application.Rules;

namespace XinchuangFlow.Infrastructure.Rules;

/// <summary>
/// Holidays and make-up working days from an .ics file, parsed with Ical.Net (MIT; RFC 5545 parsing including
/// recurrence rules — a yearly holiday is expanded into the range asked for, which a hand-written line parser would get
/// wrong).
/// </summary>
public sealed class IcalCalendarReader : ICalendarFileReader
{
    /// <summary>No calendar the platform needs has more days than this in its range; more is a wrong file.</summary>
    public const int MaxDays = 2_000;

    public ImportedCalendar Read(string text, DateOnly from, DateOnly to)
    {
        Ical.Net.Calendar calendar;
        try
        {
            calendar = Ical.Net.Calendar.Load(text) ?? throw new InvalidDataException("The file holds no calendar (BEGIN:VCALENDAR).");
        }
        catch (Exception ex) when (ex is not InvalidDataException)
        {
            throw new InvalidDataException($"The file is not an iCalendar (.ics) file: {ex.Message}", ex);
        }
        var days = new SortedDictionary<DateOnly, ImportedDay>();
        int timed = 0, outside = 0;
        try
        {
            foreach (var e in calendar.Events)
            {
                if (e.DtStart is null) throw new InvalidDataException($"The event '{e.Summary}' has no start date.");
                if (e.DtStart.HasTime) { timed++; continue; }
                if (e.DtStart.Date > to) { outside++; continue; }
            }
            foreach (var occurrence in calendar.GetOccurrences(new CalDateTime(from.Year, from.Month, from.Day), null)
                         .TakeWhile(o => o.Period.StartTime.Date <= to))
            {
                if (occurrence.Source is not CalendarEvent e || occurrence.Period.StartTime.HasTime) continue;
                var summary = (e.Summary ?? "").Trim();
                var workday = summary.Contains('班');
                var end = occurrence.Period.EffectiveEndTime?.Date ?? occurrence.Period.StartTime.Date.AddDays(1);
                for (var day = occurrence.Period.StartTime.Date; day < end || day == occurrence.Period.StartTime.Date; day = day.AddDays(1))
                {
                    if (day < from || day > to) { outside++; continue; }
                    days[day] = new ImportedDay(day, workday, summary);
                    if (days.Count > MaxDays) throw new InvalidDataException($"The file names more than {MaxDays} days between {from} and {to}; is it a holiday calendar?");
                }
            }
        }
        catch (Exception ex) when (ex is not InvalidDataException)
        {
            throw new InvalidDataException($"The calendar could not be read: {ex.Message}", ex);
        }
        return new ImportedCalendar(days.Values.ToList(), timed, outside);
    }
}
