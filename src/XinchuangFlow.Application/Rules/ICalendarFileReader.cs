namespace XinchuangFlow.Application.Rules;

/// <summary>Reads an iCalendar (RFC 5545) file into holidays and make-up working days (the infrastructure implements it).</summary>
public interface ICalendarFileReader
{
    /// <summary>
    /// The all-day events between <paramref name="from"/> and <paramref name="to"/> (recurring ones expanded), one day
    /// each; an event whose summary says 班 (补班, 上班) is a make-up working day, any other a holiday. Throws
    /// <see cref="InvalidDataException"/> with a reason when the text is not an iCalendar file — or not a holiday
    /// calendar: a file is an upload, so reading it is bounded (rules repeating more often than daily are refused, and
    /// the expansion stops with a reason past a few thousand occurrences or about two seconds). Honours
    /// <paramref name="ct"/> (the request's: a client that left stops the work).
    /// </summary>
    ImportedCalendar Read(string text, DateOnly from, DateOnly to, CancellationToken ct = default);
}
