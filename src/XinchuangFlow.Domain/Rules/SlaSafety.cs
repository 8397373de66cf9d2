using XinchuangFlow.Domain.Sla;

namespace XinchuangFlow.Domain.Rules;

/// <summary>
/// Whether SLA rules can give every ticket a deadline (SEC-4, RUL-2). A working calendar without open time — every
/// weekday closed, a window of a moment, years of holidays — would leave each new ticket's clocks without a due time,
/// so such rules are refused before they are saved: every clock of every grade (the on-site one for a service point in
/// the requester's city and in another city) must reach its target within <see cref="LongestWaitDays"/> days, for a
/// ticket raised now, for one raised as each stretch of holidays to come begins, and for one raised after the last date
/// the calendar names (when only the weekly pattern is left). The targets depend on the grade and on same or other city
/// only, not on the product category, so these sample tickets stand for every category. The lists of holidays and
/// make-up working days, and the windows of a day, are bounded too. Pure: the time is passed in.
/// </summary>
public static class SlaSafety
{
    /// <summary>The most holidays (and, separately, make-up working days) one calendar lists: several years of public holidays.</summary>
    public const int MaxCalendarDates = 2_000;

    /// <summary>The most opening windows of one working day.</summary>
    public const int MaxWindows = 24;

    /// <summary>The range of holidays and make-up working days a calendar may name (a date outside it is a typo).</summary>
    public static readonly DateOnly EarliestDate = new(2000, 1, 1), LatestDate = new(2199, 12, 31);

    /// <summary>A deadline further away than this (about a year) is no deadline: the rules are refused.</summary>
    public const int LongestWaitDays = 366;

    /// <summary>The rules when <see cref="Check"/> finds nothing; otherwise <see cref="InvalidDataException"/> naming every problem.</summary>
    public static SlaRules Ensure(SlaRules rules, DateTimeOffset now)
    {
        DocumentProblems.ThrowIfAny(Check(rules, now));
        return rules;
    }

    /// <summary>What keeps the rules from giving every ticket raised from <paramref name="now"/> on a deadline (empty when nothing).</summary>
    public static IReadOnlyList<Problem> Check(SlaRules rules, DateTimeOffset now)
    {
        var problems = new List<Problem>();
        foreach (var (name, c) in rules.Calendars)
        {
            var at = $"calendars.{name}";
            if (c.Holidays.Count > MaxCalendarDates)
                problems.Add(Problem.Of(RuleProblems.CalendarTooManyDates, $"{at}.holidays",
                    $"The calendar '{name}' lists {c.Holidays.Count:N0} holidays; at most {MaxCalendarDates:N0} are allowed (several years of public holidays).",
                    ("calendar", name), ("count", c.Holidays.Count), ("max", MaxCalendarDates)));
            if (c.MakeUpWorkdays.Count > MaxCalendarDates)
                problems.Add(Problem.Of(RuleProblems.CalendarTooManyDates, $"{at}.makeUpWorkdays",
                    $"The calendar '{name}' lists {c.MakeUpWorkdays.Count:N0} make-up working days; at most {MaxCalendarDates:N0} are allowed.",
                    ("calendar", name), ("count", c.MakeUpWorkdays.Count), ("max", MaxCalendarDates)));
            if (c.Holidays.Concat(c.MakeUpWorkdays).Where(d => d < EarliestDate || d > LatestDate).Select(d => (DateOnly?)d).FirstOrDefault() is { } odd)
                problems.Add(Problem.Of(RuleProblems.CalendarDateOutOfRange, $"{at}.holidays",
                    $"The calendar '{name}' names {odd:yyyy-MM-dd}; its dates lie between {EarliestDate.Year} and {LatestDate.Year}.",
                    ("calendar", name), ("date", odd), ("from", EarliestDate.Year), ("to", LatestDate.Year)));
            if (c.Windows.Count > MaxWindows)
                problems.Add(Problem.Of(RuleProblems.CalendarTooManyWindows, $"{at}.windows",
                    $"The calendar '{name}' has {c.Windows.Count:N0} opening windows a day; at most {MaxWindows} are allowed.",
                    ("calendar", name), ("count", c.Windows.Count), ("max", MaxWindows)));
        }
        if (problems.Count > 0) return problems;
        var calendar = rules.WorkingCalendar;
        if (calendar.IsNatural) return problems;

        var clocks = Clocks(rules);
        var late = clocks.Where(c => calendar.TryAdd(now, c.Target, LongestWaitDays) is null).ToList();
        if (late.Count > 0)
        {
            problems.Add(calendar.TryAdd(now, TimeSpan.FromTicks(1), LongestWaitDays) is null
                ? Problem.Of(RuleProblems.CalendarNeverOpen, "calendar",
                    $"The working calendar '{calendar.Id}' has no open time within a year of {Day(now, calendar):yyyy-MM-dd}: no deadline can be computed for {late[0].Label}.",
                    ("calendar", calendar.Id), ("date", Day(now, calendar)), ("grade", late[0].Grade), ("clock", late[0].Clock))
                : Problem.Of(RuleProblems.CalendarOpensTooLittle, "calendar",
                    $"The working calendar '{calendar.Id}' opens too little: no deadline within a year of {Day(now, calendar):yyyy-MM-dd} can be computed for {Join(late)}.",
                    ("calendar", calendar.Id), ("date", Day(now, calendar)), ("grade", late[0].Grade), ("clock", late[0].Clock), ("more", late.Count - 1)));
            return problems;
        }
        // Later tickets: a deadline only gets further away as the target grows, so the longest target stands for all.
        var longest = clocks[^1];
        foreach (var start in LaterStarts(calendar, now))
        {
            if (calendar.TryAdd(start, longest.Target, LongestWaitDays) is not null) continue;
            problems.Add(Problem.Of(RuleProblems.CalendarClosedTooLong, "calendar",
                $"The working calendar '{calendar.Id}' is closed too long from {Day(start, calendar):yyyy-MM-dd}: a ticket raised then gets no deadline within a year for {longest.Label}.",
                ("calendar", calendar.Id), ("date", Day(start, calendar)), ("grade", longest.Grade), ("clock", longest.Clock)));
            break;
        }
        return problems;
    }

    /// <summary>Every clock the rules time, with its target, shortest first.</summary>
    private static List<(string Label, string Grade, string Clock, TimeSpan Target)> Clocks(SlaRules rules)
    {
        var clocks = new List<(string Label, string Grade, string Clock, TimeSpan Target)>();
        foreach (var g in Tickets.Grade.All)
        {
            var (same, other) = rules.OnSiteTargets(g);
            clocks.Add(($"{g} response", g.Code, "response", rules.ResponseTarget(g)));
            clocks.Add(($"{g} on-site (service point in the requester's city)", g.Code, "onsite-same", same));
            clocks.Add(($"{g} on-site (service point in another city)", g.Code, "onsite-other", other));
            clocks.Add(($"{g} resolution", g.Code, "resolution", rules.ResolutionTarget(g)));
        }
        return clocks.OrderBy(c => c.Target).ToList();
    }

    /// <summary>
    /// Moments after <paramref name="now"/> where a ticket waits longest: the first day of each stretch of holidays, the
    /// day after each stretch of make-up working days, and the day after the last date the calendar names.
    /// </summary>
    private static IEnumerable<DateTimeOffset> LaterStarts(WorkingCalendar calendar, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.ToOffset(calendar.UtcOffset).DateTime);
        var days = new SortedSet<DateOnly>();
        foreach (var d in calendar.Holidays) if (d > today && !calendar.Holidays.Contains(d.AddDays(-1))) days.Add(d);
        foreach (var d in calendar.MakeUpWorkdays) if (d >= today && !calendar.MakeUpWorkdays.Contains(d.AddDays(1)) && d < DateOnly.MaxValue) days.Add(d.AddDays(1));
        var last = calendar.Holidays.Concat(calendar.MakeUpWorkdays).DefaultIfEmpty(today).Max();
        if (last >= today && last < DateOnly.MaxValue) days.Add(last.AddDays(1));
        return days.Select(d => new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), calendar.UtcOffset));
    }

    private static DateOnly Day(DateTimeOffset t, WorkingCalendar calendar) => DateOnly.FromDateTime(t.ToOffset(calendar.UtcOffset).DateTime);

    private static string Join(List<(string Label, string Grade, string Clock, TimeSpan Target)> clocks) =>
        clocks.Count <= 3 ? string.Join(", ", clocks.Select(c => c.Label)) : $"{string.Join(", ", clocks.Take(3).Select(c => c.Label))} and {clocks.Count - 3} more";
}
