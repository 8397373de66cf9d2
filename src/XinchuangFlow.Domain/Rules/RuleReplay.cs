using XinchuangFlow.Domain.Time;
using XinchuangFlow.Domain.Grading;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Sla;

namespace XinchuangFlow.Domain.Rules;

/// <summary>
/// What-if replay (BEY-1): the tickets of a period replayed under the current rules and under a proposed change, from
/// their stored clock history, with the domain's own SLA code — the targets the rules give (a grade overridden by an
/// agent and a target the definition fixed stay), the running time measured on each side's working calendar, a breach
/// when more running time was used than the target, an escalation level fired when its share of the target was used.
/// A clock still running is judged at <c>asOf</c>. A pure function: it writes nothing.
/// </summary>
public static class RuleReplay
{
    /// <summary>The changed tickets listed in full; the rest are only counted.</summary>
    public const int ChangedListed = 200;

    private static readonly ClockKind[] Kinds = [ClockKind.Response, ClockKind.OnSite, ClockKind.Resolution];

    /// <summary>The last full calendar quarter before <paramref name="now"/>, in China time (the replay's default period).</summary>
    public static (DateTimeOffset From, DateTimeOffset To) LastQuarter(DateTimeOffset now)
    {
        var local = now.ToChina();
        var thisQuarter = ChinaTime.At(new DateOnly(local.Year, (local.Month - 1) / 3 * 3 + 1, 1), TimeOnly.MinValue);
        return (thisQuarter.AddMonths(-3), thisQuarter);
    }

    /// <summary>
    /// Turns a ticket's clock events (in order) into its clocks: start, resume and reopen begin a running stretch; pause
    /// and stop end it; the last recorded target is the clock's. A start after a stop is a new visit with a fresh clock
    /// (as <c>xf.sla.StartClock</c> does after a reopen): each visit is a clock of its own.
    /// </summary>
    public static IReadOnlyList<ReplayClock> ClocksFrom(IEnumerable<ClockHistoryEvent> events)
    {
        var done = new List<ReplayClock>();
        var current = new Dictionary<ClockKind, Building>();
        foreach (var e in events)
        {
            if (!current.TryGetValue(e.Clock, out var c)) current[e.Clock] = c = new Building();
            if (e.Action == "start" && c.Open is null && c.Running.Count > 0)
            {
                done.Add(c.Finish(e.Clock));
                current[e.Clock] = c = new Building();
            }
            if (e.Target is { } t && t > TimeSpan.Zero) (c.Target, c.Reason, c.Fixed) = (t, e.TargetReason, e.TargetFixed);
            switch (e.Action)
            {
                case "start" or "resume" or "reopen" when c.Open is null:
                    c.Open = e.At;
                    break;
                case "pause" or "stop" when c.Open is { } open:
                    c.Running.Add(new RunningStretch(open, e.At));
                    c.Open = null;
                    break;
            }
        }
        done.AddRange(current.Select(p => p.Value.Finish(p.Key)));
        return done.Where(c => c.RecordedTarget > TimeSpan.Zero && c.Running.Count > 0).OrderBy(c => c.Kind).ToList();
    }

    private sealed class Building
    {
        public readonly List<RunningStretch> Running = [];
        public TimeSpan Target;
        public string? Reason;
        public bool Fixed;
        public DateTimeOffset? Open;

        public ReplayClock Finish(ClockKind kind) =>
            new(kind, Target, Reason, Open is { } open ? [.. Running, new RunningStretch(open, null)] : [.. Running], Fixed);
    }

    /// <summary>One ticket under one set of rules.</summary>
    public static ReplayTicketOutcome Outcome(ReplayTicket ticket, ReplayRules rules, GuangxiDivisions divisions, DateTimeOffset asOf)
    {
        var grade = ticket.GradeOverridden && ticket.Grade is { } overridden
            ? overridden
            : rules.Grading.Grade(new GradingInput(ticket.ProductCategory, ticket.Impact, ticket.Title + " " + ticket.Description)).Grade;
        var calendar = rules.Sla.WorkingCalendar;
        var clocks = new List<ReplayClockOutcome>(ticket.Clocks.Count);
        foreach (var clock in ticket.Clocks)
        {
            var target = clock.FixedByDefinition ? clock.RecordedTarget : clock.Kind switch
            {
                ClockKind.Response => rules.Sla.ResponseTarget(grade),
                ClockKind.Resolution => rules.Sla.ResolutionTarget(grade),
                _ => rules.Sla.OnSiteTarget(ticket.CountyCode, ticket.ServicePointCounty ?? ticket.CountyCode, grade, divisions, ticket.CityCode).Target,
            };
            var used = TimeSpan.Zero;
            foreach (var s in clock.Running) used += calendar.Between(s.From, s.To ?? asOf);
            var levels = rules.Escalation.Levels.Select(l => l.Percent).Where(p => used.Ticks >= target.Ticks * (p / 100.0)).OrderBy(p => p).ToList();
            clocks.Add(new ReplayClockOutcome(clock.Kind, target, used, used > target, levels));
        }
        return new ReplayTicketOutcome(grade, clocks);
    }

    /// <summary>
    /// Replays <paramref name="tickets"/> under each city's current and proposed rules (<paramref name="rulesOf"/> gives
    /// both for a city code) and compares.
    /// </summary>
    public static ReplayComparison Compare(IReadOnlyList<ReplayTicket> tickets, Func<string, (ReplayRules Current, ReplayRules Proposed)> rulesOf,
        GuangxiDivisions divisions, DateTimeOffset asOf)
    {
        var current = new Tally();
        var proposed = new Tally();
        var changed = new List<ReplayChange>();
        var changedTotal = 0;
        var cache = new Dictionary<string, (ReplayRules Current, ReplayRules Proposed)>();
        foreach (var t in tickets)
        {
            if (!cache.TryGetValue(t.CityCode, out var rules)) cache[t.CityCode] = rules = rulesOf(t.CityCode);
            var a = Outcome(t, rules.Current, divisions, asOf);
            var b = Outcome(t, rules.Proposed, divisions, asOf);
            current.Add(a, rules.Current.Escalation);
            proposed.Add(b, rules.Proposed.Escalation);
            if (Differs(a, b))
            {
                changedTotal++;
                if (changed.Count < ChangedListed) changed.Add(new ReplayChange(t.Number, t.Title, t.CityCode, a, b));
            }
        }
        var percents = current.Levels.Keys.Union(proposed.Levels.Keys).ToList();
        return new ReplayComparison(tickets.Count, asOf, current.Figures(percents), proposed.Figures(percents), changedTotal, changed);
    }

    /// <summary>A different grade, a clock breached on one side only, or different escalation levels fired.</summary>
    private static bool Differs(ReplayTicketOutcome a, ReplayTicketOutcome b)
    {
        if (a.Grade != b.Grade) return true;
        for (var i = 0; i < a.Clocks.Count; i++)
            if (a.Clocks[i].Breached != b.Clocks[i].Breached || !a.Clocks[i].Levels.SequenceEqual(b.Clocks[i].Levels)) return true;
        return false;
    }

    private sealed class Tally
    {
        private readonly Dictionary<ClockKind, (int Started, int OnTime, int Breached)> _clocks = Kinds.ToDictionary(k => k, _ => (0, 0, 0));
        public readonly Dictionary<int, int> Levels = new();
        private int _breachedTickets;

        public void Add(ReplayTicketOutcome outcome, EscalationRules escalation)
        {
            foreach (var l in escalation.Levels) Levels.TryAdd(l.Percent, 0);
            foreach (var c in outcome.Clocks)
            {
                var f = _clocks[c.Kind];
                _clocks[c.Kind] = (f.Started + 1, f.OnTime + (c.Breached ? 0 : 1), f.Breached + (c.Breached ? 1 : 0));
                foreach (var p in c.Levels) Levels[p] = Levels.GetValueOrDefault(p) + 1;
            }
            if (outcome.Breached) _breachedTickets++;
        }

        public ReplayFigures Figures(IEnumerable<int> percents) => new(
            Kinds.Select(k => new ReplayClockFigures(k, _clocks[k].Started, _clocks[k].OnTime, _clocks[k].Breached)).ToList(),
            percents.OrderBy(p => p).ToDictionary(p => p, p => Levels.GetValueOrDefault(p)),
            _breachedTickets);
    }
}
