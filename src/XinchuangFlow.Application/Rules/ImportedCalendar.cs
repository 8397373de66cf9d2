namespace XinchuangFlow.Application.Rules;

/// <summary>What an .ics file holds for a working calendar: its all-day events as days, and what was left out and why.</summary>
public sealed record ImportedCalendar(IReadOnlyList<ImportedDay> Days, int SkippedTimedEvents, int SkippedOutsideRange)
{
    public IReadOnlyList<DateOnly> Holidays => Days.Where(d => !d.Workday).Select(d => d.Date).ToList();
    public IReadOnlyList<DateOnly> MakeUpWorkdays => Days.Where(d => d.Workday).Select(d => d.Date).ToList();
}
