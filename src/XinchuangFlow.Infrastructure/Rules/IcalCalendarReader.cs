using XinchuangFlow.Domain.Rules;
using System.Diagnostics;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;
using XinchuangFlow.Application.Rules;

namespace XinchuangFlow.Infrastructure.Rules;

/// <summary>
/// Holidays and make-up working days from an .ics file, parsed with Ical.Net (MIT; RFC 5545 parsing including
/// recurrence rules — a yearly holiday is expanded into the range asked for, which a hand-written line parser would get
/// wrong). A file is an upload, so its expansion is bounded (issue 19): rules that repeat more often than daily, or at
/// given hours, minutes or seconds, are refused before anything is expanded (a holiday calendar names whole days);
/// each event is expanded only within the range asked for; at most <see cref="MaxOccurrences"/> occurrences are looked
/// at in all, for at most <see cref="MaxTime"/>, and the caller's cancellation is honoured between occurrences.
/// </summary>
public sealed class IcalCalendarReader : ICalendarFileReader
{
    /// <summary>No calendar the platform needs has more days than this in its range; more is a wrong file.</summary>
    public const int MaxDays = 2_000;

    /// <summary>The most occurrences (of every event, inside the range or not) looked at for one file.</summary>
    public const int MaxOccurrences = 5_000;

    /// <summary>
    /// The longest one file is read for: a backstop behind the counts above, which are the real bound (a holiday
    /// calendar takes a few milliseconds when warm, but its first read on a busy two-core server pays for loading the
    /// parser: over a second on CI, and more than three seconds of wall time when every core is taken by other work).
    /// </summary>
    public static readonly TimeSpan MaxTime = TimeSpan.FromSeconds(15);

    /// <summary>How many steps of a recurrence rule may find no day before the rule is given up (a rule that never matches).</summary>
    private const int MaxUnmatchedSteps = 5_000;

    private readonly TimeSpan _maxTime;

    public IcalCalendarReader() : this(MaxTime) { }

    /// <param name="maxTime">The time bound instead of <see cref="MaxTime"/> (a test of the bound itself uses a short one).</param>
    public IcalCalendarReader(TimeSpan maxTime) => _maxTime = maxTime;

    public ImportedCalendar Read(string text, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        ct.ThrowIfCancellationRequested();
        Calendar calendar;
        try
        {
            calendar = Calendar.Load(text) ?? throw CalendarProblems.Refusal(CalendarProblems.NotIcs, "The file holds no calendar (BEGIN:VCALENDAR).");
        }
        catch (Exception ex) when (ex is not InvalidDataException)
        {
            throw CalendarProblems.Refusal(CalendarProblems.NotIcs, $"The file is not an iCalendar (.ics) file: {ex.Message}");
        }
        var days = new SortedDictionary<DateOnly, ImportedDay>();
        int timed = 0, outside = 0, occurrences = 0;
        try
        {
            foreach (var e in calendar.Events) Refuse(e);
            var options = new EvaluationOptions { MaxUnmatchedIncrementsLimit = MaxUnmatchedSteps };
            foreach (var e in calendar.Events)
            {
                Check(watch, ct);
                if (e.DtStart is null) throw CalendarProblems.Refusal(CalendarProblems.NoStart, $"The event '{e.Summary}' has no start date.", ("event", e.Summary));
                if (e.DtStart.HasTime) { timed++; continue; }
                if (e.DtStart.Date > to) { outside++; continue; }
                var summary = (e.Summary ?? "").Trim();
                var workday = summary.Contains('班');
                foreach (var occurrence in e.GetOccurrences(new CalDateTime(from.Year, from.Month, from.Day), options))
                {
                    Check(watch, ct);
                    if (++occurrences > MaxOccurrences)
                        throw CalendarProblems.Refusal(CalendarProblems.TooManyOccurrences, $"The calendar file expands to more than {MaxOccurrences:N0} days; is it a holiday calendar?", ("max", MaxOccurrences));
                    var start = occurrence.Period.StartTime;
                    if (start.Date > to) break;
                    if (start.HasTime) continue;
                    // The occurrence's days [first, last], of which only those in [from, to] are read (a multi-year
                    // event is counted, not walked).
                    var first = start.Date;
                    var end = occurrence.Period.EffectiveEndTime?.Date ?? first.AddDays(1);
                    var last = end > first ? end.AddDays(-1) : first;
                    var lo = first > from ? first : from;
                    var hi = last < to ? last : to;
                    var inside = hi >= lo ? hi.DayNumber - lo.DayNumber + 1 : 0;
                    outside += last.DayNumber - first.DayNumber + 1 - inside;
                    for (var day = lo; day <= hi; day = day.AddDays(1))
                    {
                        days[day] = new ImportedDay(day, workday, summary);
                        if (days.Count > MaxDays) throw CalendarProblems.Refusal(CalendarProblems.TooManyDays, $"The file names more than {MaxDays} days between {from} and {to}; is it a holiday calendar?", ("max", MaxDays));
                    }
                }
            }
        }
        catch (EvaluationLimitExceededException)
        {
            throw CalendarProblems.Refusal(CalendarProblems.RuleFindsNoDay, "A recurrence rule of the file (RRULE) finds no day for thousands of steps; is it a holiday calendar?");
        }
        catch (Exception ex) when (ex is not (InvalidDataException or OperationCanceledException))
        {
            throw CalendarProblems.Refusal(CalendarProblems.NotIcs, $"The calendar could not be read: {ex.Message}");
        }
        return new ImportedCalendar(days.Values.ToList(), timed, outside);
    }

    /// <summary>Recurrences a holiday calendar never needs, refused before anything is expanded.</summary>
    private static void Refuse(CalendarEvent e)
    {
        // Every rule the library evaluates is checked: a second RRULE and an EXRULE too (both deprecated, both still expanded).
#pragma warning disable CS0618
        var rules = e.RecurrenceRules.Concat(e.ExceptionRules ?? []).ToList();
#pragma warning restore CS0618
        foreach (var rule in rules)
        {
            if (rule.Frequency is FrequencyType.Secondly or FrequencyType.Minutely or FrequencyType.Hourly)
                throw CalendarProblems.Refusal(rule.Frequency switch { FrequencyType.Secondly => CalendarProblems.EverySecond, FrequencyType.Minutely => CalendarProblems.EveryMinute, _ => CalendarProblems.EveryHour },
                    $"The event '{e.Summary}' repeats every {rule.Frequency switch { FrequencyType.Secondly => "second", FrequencyType.Minutely => "minute", _ => "hour" }} " +
                    $"(FREQ={rule.Frequency.ToString().ToUpperInvariant()}); a holiday calendar repeats by the day at most.", ("event", e.Summary));
            if (rule.ByHour.Count + rule.ByMinute.Count + rule.BySecond.Count > 0)
                throw CalendarProblems.Refusal(CalendarProblems.AtTimesOfDay, $"The event '{e.Summary}' repeats at given hours, minutes or seconds (BYHOUR, BYMINUTE, BYSECOND); a holiday calendar names whole days.", ("event", e.Summary));
        }
    }

    private void Check(Stopwatch watch, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (watch.Elapsed > _maxTime)
            throw CalendarProblems.Refusal(CalendarProblems.TooSlow, $"The calendar file takes longer than {_maxTime.TotalSeconds:0.#} s to read; is it a holiday calendar?", ("seconds", Math.Round(_maxTime.TotalSeconds, 1)));
    }
}
