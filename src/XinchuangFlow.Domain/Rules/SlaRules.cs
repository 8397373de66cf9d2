using System.Text.Json;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Domain.Rules;

/// <summary>SLA targets (SLA-1/2) and the working calendar (SLA-3) of a region or city.</summary>
public sealed class SlaRules
{
    public Dictionary<string, string> Response { get; set; } = new();
    public Dictionary<string, string> Resolution { get; set; } = new();
    public OnSiteRule OnSite { get; set; } = new();
    /// <summary>natural, or the name of one of <see cref="Calendars"/>.</summary>
    public string Calendar { get; set; } = "natural";
    public Dictionary<string, CalendarRule> Calendars { get; set; } = new();

    private readonly Dictionary<Grade, TimeSpan> _response = new(), _resolution = new();
    private readonly Dictionary<Grade, (TimeSpan Same, TimeSpan Other)> _onSiteByGrade = new();
    private TimeSpan _onSiteSame, _onSiteOther;
    private WorkingCalendar _calendar = WorkingCalendar.Natural;

    public sealed class OnSiteRule
    {
        public string SameCity { get; set; } = "PT4H";
        public string OtherCity { get; set; } = "PT12H";
        public Dictionary<string, OnSiteGrade> ByGrade { get; set; } = new();
    }

    public sealed class OnSiteGrade
    {
        public string SameCity { get; set; } = "";
        public string OtherCity { get; set; } = "";
    }

    public sealed class CalendarRule
    {
        /// <summary>Windows as "08:30-12:00".</summary>
        public List<string> Windows { get; set; } = [];
        /// <summary>1 = Monday … 7 = Sunday.</summary>
        public List<int> WorkingDays { get; set; } = [1, 2, 3, 4, 5];
        public List<DateOnly> Holidays { get; set; } = [];
        public List<DateOnly> MakeUpWorkdays { get; set; } = [];
    }

    public static SlaRules Parse(string json)
    {
        var rules = RuleBook.Deserialize<SlaRules>(json, "SLA rules");
        var problems = new List<Problem>();
        foreach (var g in Grade.All)
        {
            rules._response[g] = RuleBook.Duration(rules.Response.GetValueOrDefault(g.Code), $"response.{g}", problems);
            rules._resolution[g] = RuleBook.Duration(rules.Resolution.GetValueOrDefault(g.Code), $"resolution.{g}", problems);
        }
        rules._onSiteSame = RuleBook.Duration(rules.OnSite.SameCity, "onSite.sameCity", problems);
        rules._onSiteOther = RuleBook.Duration(rules.OnSite.OtherCity, "onSite.otherCity", problems);
        foreach (var (code, o) in rules.OnSite.ByGrade)
        {
            var same = RuleBook.Duration(o.SameCity, $"onSite.byGrade.{code}.sameCity", problems);
            var other = RuleBook.Duration(o.OtherCity, $"onSite.byGrade.{code}.otherCity", problems);
            if (Grade.IsCode(code)) rules._onSiteByGrade[Grade.Parse(code)] = (same, other);
            else problems.Add(Problem.Of(RuleProblems.GradeUnknown, "onSite.byGrade", $"onSite.byGrade: '{code}' is not P1–P4", ("value", code)));
        }
        if (rules.Calendar != "natural")
        {
            if (!rules.Calendars.TryGetValue(rules.Calendar, out var c))
                problems.Add(Problem.Of(RuleProblems.CalendarUndefined, "calendar", $"calendar '{rules.Calendar}' is not defined in calendars", ("calendar", rules.Calendar)));
            else
            {
                try { rules._calendar = Build(rules.Calendar, c); }
                catch (Exception ex) when (ex is ArgumentException or FormatException)
                {
                    problems.Add(Problem.Of(RuleProblems.CalendarInvalid, $"calendars.{rules.Calendar}.windows", $"calendar '{rules.Calendar}': {ex.Message}",
                        ("calendar", rules.Calendar), ("value", string.Join(", ", c.Windows))));
                }
            }
        }
        DocumentProblems.ThrowIfAny(problems);
        return rules;
    }

    private static WorkingCalendar Build(string id, CalendarRule c)
    {
        var windows = c.Windows.Select(w =>
        {
            var parts = w.Split('-', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2) throw new FormatException($"window '{w}' is not like 08:30-12:00");
            return new OpenWindow(TimeOnly.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }).ToList();
        if (c.WorkingDays.Any(d => d is < 1 or > 7)) throw new FormatException("working days are 1 (Monday) to 7 (Sunday)");
        return new WorkingCalendar(id, windows, c.WorkingDays.Select(d => (DayOfWeek)(d % 7)).ToHashSet(), c.Holidays.ToHashSet(), c.MakeUpWorkdays.ToHashSet());
    }

    public WorkingCalendar WorkingCalendar => _calendar;

    /// <summary>The on-site targets of a grade: for a service point in the requester's city, and in another city.</summary>
    public (TimeSpan SameCity, TimeSpan OtherCity) OnSiteTargets(Grade grade) =>
        _onSiteByGrade.TryGetValue(grade, out var g) ? g : (_onSiteSame, _onSiteOther);
    /// <summary>The response target of a grade (an ungraded ticket: <see cref="Grade.Default"/>'s).</summary>
    public TimeSpan ResponseTarget(Grade? grade) => _response[grade ?? Grade.Default];
    public TimeSpan ResolutionTarget(Grade? grade) => _resolution[grade ?? Grade.Default];

    /// <summary>The on-site target (SLA-2) for a requester and the dispatched service point, with the reason.</summary>
    public (TimeSpan Target, TargetReason Reason) OnSiteTarget(string requesterCounty, string servicePointCounty, Grade? grade, GuangxiDivisions divisions, string scope)
    {
        var policy = new OnSitePolicy(divisions);
        var city = divisions.CityOf(requesterCounty)?.Code ?? throw new ArgumentException($"Unknown division code {requesterCounty}.");
        if (_onSiteSame != OnSitePolicy.SameCityDefault || _onSiteOther != OnSitePolicy.OtherCityDefault) policy.Overrides[(city, null)] = (_onSiteSame, _onSiteOther);
        foreach (var (g, o) in _onSiteByGrade) policy.Overrides[(city, g)] = o;
        var (target, reason) = policy.Target(requesterCounty, servicePointCounty, grade);
        return (target, reason.Under(scope, null));
    }
}
