using XinchuangFlow.Domain.Time;

namespace XinchuangFlow.Domain.Sla;

/// <summary>
/// When SLA time runs. <see cref="Natural"/> runs all the time; a working calendar runs only inside its windows on
/// working days, skipping holidays and honouring make-up working days (调休). Times are local to the calendar's
/// UTC offset (China: +08:00, no daylight saving). A deadline computed here never lands inside closed time.
/// </summary>
public sealed class WorkingCalendar
{
    /// <summary>How far (in days) a deadline is looked for before it is declared impossible: ten years.</summary>
    public const int MaxDaysSearched = 3660;

    public WorkingCalendar(string id, IReadOnlyList<OpenWindow> windows, IReadOnlySet<DayOfWeek> workingDays,
        IReadOnlySet<DateOnly>? holidays = null, IReadOnlySet<DateOnly>? makeUpWorkdays = null, TimeSpan? utcOffset = null)
    {
        if (windows.Count == 0) throw new ArgumentException("A working calendar needs at least one opening window.", nameof(windows));
        var ordered = windows.OrderBy(w => w.From).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].To <= ordered[i].From) throw new ArgumentException($"Window {ordered[i].From}–{ordered[i].To} is empty or reversed.");
            if (i > 0 && ordered[i].From < ordered[i - 1].To) throw new ArgumentException("Opening windows overlap.");
        }
        Id = id;
        Windows = ordered;
        WorkingDays = workingDays;
        Holidays = holidays ?? new HashSet<DateOnly>();
        MakeUpWorkdays = makeUpWorkdays ?? new HashSet<DateOnly>();
        UtcOffset = utcOffset ?? ChinaTime.Offset;
        IsNatural = false;
    }

    private WorkingCalendar()
    {
        Id = "natural";
        Windows = [];
        WorkingDays = new HashSet<DayOfWeek>();
        Holidays = new HashSet<DateOnly>();
        MakeUpWorkdays = new HashSet<DateOnly>();
        UtcOffset = ChinaTime.Offset;
        IsNatural = true;
    }

    /// <summary>Natural hours: the clock always runs (the default).</summary>
    public static WorkingCalendar Natural { get; } = new();

    public string Id { get; }
    public bool IsNatural { get; }
    public IReadOnlyList<OpenWindow> Windows { get; }
    public IReadOnlySet<DayOfWeek> WorkingDays { get; }
    public IReadOnlySet<DateOnly> Holidays { get; }
    public IReadOnlySet<DateOnly> MakeUpWorkdays { get; }
    public TimeSpan UtcOffset { get; }

    public bool IsWorkingDay(DateOnly day) =>
        MakeUpWorkdays.Contains(day) || (WorkingDays.Contains(day.DayOfWeek) && !Holidays.Contains(day));

    /// <summary>The open segments of one local day, as UTC instants.</summary>
    private IEnumerable<(DateTimeOffset From, DateTimeOffset To)> Segments(DateOnly day)
    {
        if (!IsWorkingDay(day)) yield break;
        foreach (var w in Windows)
            yield return (new DateTimeOffset(day.ToDateTime(w.From), UtcOffset).ToUniversalTime(),
                          new DateTimeOffset(day.ToDateTime(w.To), UtcOffset).ToUniversalTime());
    }

    private DateOnly LocalDay(DateTimeOffset t) => DateOnly.FromDateTime(t.ToOffset(UtcOffset).DateTime);

    /// <summary>
    /// The moment <paramref name="duration"/> of running time after <paramref name="start"/>; throws
    /// <see cref="NoOpenTimeException"/> when the calendar has no open time for it within <see cref="MaxDaysSearched"/>
    /// days (see <see cref="TryAdd"/>).
    /// </summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan duration) =>
        TryAdd(start, duration) ?? throw new NoOpenTimeException(Id, duration, start, MaxDaysSearched);

    /// <summary>
    /// The moment <paramref name="duration"/> of running time after <paramref name="start"/>, or null when the calendar
    /// does not open long enough within <paramref name="maxDays"/> local days from the start (a calendar whose every
    /// weekday is closed, or whose holidays close it for years): "no deadline can be computed". The search is bounded —
    /// at most <paramref name="maxDays"/> days, each a set look-up and its windows — and ends at once when no working
    /// weekday and no later make-up working day is left.
    /// </summary>
    public DateTimeOffset? TryAdd(DateTimeOffset start, TimeSpan duration, int maxDays = MaxDaysSearched)
    {
        if (duration < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration), "A duration cannot be negative.");
        if (IsNatural) return start + duration;
        var remaining = duration;
        var day = LocalDay(start);
        if (WorkingDays.Count == 0 && !MakeUpWorkdays.Any(d => d >= day)) return null;
        for (var i = 0; i < maxDays && day < DateOnly.MaxValue; i++, day = day.AddDays(1))
        {
            foreach (var (from, to) in Segments(day))
            {
                if (to <= start) continue;
                var begin = from > start ? from : start;
                var available = to - begin;
                if (remaining <= available)
                    return begin + remaining;
                remaining -= available;
            }
        }
        return null;
    }

    /// <summary>Running time between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from) return TimeSpan.Zero;
        if (IsNatural) return to - from;
        var total = TimeSpan.Zero;
        for (var day = LocalDay(from); day <= LocalDay(to); day = day.AddDays(1))
            foreach (var (a, b) in Segments(day))
            {
                var s = a > from ? a : from;
                var e = b < to ? b : to;
                if (e > s) total += e - s;
            }
        return total;
    }
}
