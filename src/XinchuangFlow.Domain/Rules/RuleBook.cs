using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using XinchuangFlow.Domain.Grading;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Sla;

namespace XinchuangFlow.Domain.Rules;

/// <summary>
/// The keys of the shipped rule kinds (each kind is a class of its own, see <see cref="RuleKindRegistry"/>); each has a
/// regional default and may have one row per city.
/// </summary>
public static class RuleKinds
{
    public const string Grading = "grading";
    public const string Sla = "sla";
    public const string Escalation = "escalation";
    public const string Dispatch = "dispatch";
    public const string RegionScope = "region";
    /// <summary>The shipped kinds' keys (an installation's are <see cref="RuleKindRegistry.Keys"/>).</summary>
    public static IReadOnlyList<string> All => RuleKindRegistry.Builtin.Keys;
}

/// <summary>A stored rule set: its kind, scope (region or a 4-digit city code), version and JSON document.</summary>
public sealed class RuleSet
{
    public string Kind { get; set; } = "";
    public string Scope { get; set; } = RuleKinds.RegionScope;
    public int Version { get; set; }
    public string Json { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }

    /// <summary>
    /// For a city's effective set: the version of the regional set its overrides were merged onto (not stored; 0 for a
    /// stored row). The effective rules change when either version does.
    /// </summary>
    public int BaseVersion { get; set; }
}

/// <summary>Where rule sets are stored (the database).</summary>
public interface IRuleSource
{
    /// <summary>The effective rule set for a city: the regional default with the city's overrides merged in (<see cref="RuleOverrides"/>).</summary>
    Task<RuleSet> GetAsync(string kind, string? cityCode, CancellationToken ct = default);
}

/// <summary>Parses rule sets into typed rules, each parsed once per stored version.</summary>
public sealed class RuleBook(IRuleSource source, RuleKindRegistry? kinds = null)
{
    private readonly ConcurrentDictionary<(string Kind, string Scope, int Version, int BaseVersion), object> _parsed = new();
    private readonly RuleKindRegistry _kinds = kinds ?? RuleKindRegistry.Builtin;

    public Task<(GradingTable Rules, RuleSet Set)> GradingAsync(string? city, CancellationToken ct = default) => GetAsync<GradingTable>(RuleKinds.Grading, city, ct);
    public Task<(SlaRules Rules, RuleSet Set)> SlaAsync(string? city, CancellationToken ct = default) => GetAsync<SlaRules>(RuleKinds.Sla, city, ct);
    public Task<(EscalationRules Rules, RuleSet Set)> EscalationAsync(string? city, CancellationToken ct = default) => GetAsync<EscalationRules>(RuleKinds.Escalation, city, ct);
    public Task<(DispatchRules Rules, RuleSet Set)> DispatchAsync(string? city, CancellationToken ct = default) => GetAsync<DispatchRules>(RuleKinds.Dispatch, city, ct);

    /// <summary>The effective rules of a kind for a city (the regional ones for null), parsed by the kind into <typeparamref name="T"/>.</summary>
    public async Task<(T Rules, RuleSet Set)> GetAsync<T>(string kind, string? city, CancellationToken ct = default) where T : class
    {
        var parser = _kinds.Get(kind);
        var set = await source.GetAsync(kind, city, ct);
        var rules = (T)_parsed.GetOrAdd((set.Kind, set.Scope, set.Version, set.BaseVersion), _ => parser.Parse(set.Json));
        return (rules, set);
    }

    /// <summary>
    /// Checks a rule document of a shipped kind; throws <see cref="InvalidDataException"/> naming every problem. SLA
    /// rules must also give every ticket a deadline on their working calendar, for tickets raised from
    /// <paramref name="now"/> on (<see cref="SlaSafety"/>; the current time when not given).
    /// </summary>
    public static void Validate(string kind, string json, DateTimeOffset? now = null) =>
        RuleKindRegistry.Builtin.Ensure(kind, json, now ?? DateTimeOffset.UtcNow);

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    internal static TimeSpan Duration(string? text, string where, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text)) { problems.Add($"{where} is missing"); return TimeSpan.Zero; }
        try
        {
            var d = System.Xml.XmlConvert.ToTimeSpan(text.Trim().ToUpperInvariant());
            if (d < MinDuration) problems.Add($"{where} must be at least one minute");
            else if (d > MaxDuration) problems.Add($"{where}: {text} is longer than the longest target allowed ({MaxDuration.TotalDays:0} days)");
            return d;
        }
        catch (FormatException)
        {
            problems.Add($"{where}: '{text}' is not an ISO 8601 duration such as PT4H");
            return TimeSpan.Zero;
        }
    }


    /// <summary>Bounds for every duration in a rule set: a target shorter than a minute or longer than 30 days is a typo.</summary>
    public static readonly TimeSpan MinDuration = TimeSpan.FromMinutes(1), MaxDuration = TimeSpan.FromDays(30);
}

/// <summary>SLA targets (SLA-1/2) and the working calendar (SLA-3) of a region or city.</summary>
public sealed class SlaRules
{
    public Dictionary<string, string> Response { get; set; } = new();
    public Dictionary<string, string> Resolution { get; set; } = new();
    public OnSiteRule OnSite { get; set; } = new();
    /// <summary>natural, or the name of one of <see cref="Calendars"/>.</summary>
    public string Calendar { get; set; } = "natural";
    public Dictionary<string, CalendarRule> Calendars { get; set; } = new();

    private readonly Dictionary<string, TimeSpan> _response = new(), _resolution = new();
    private readonly Dictionary<string, (TimeSpan Same, TimeSpan Other)> _onSiteByGrade = new();
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
        var rules = JsonSerializer.Deserialize<SlaRules>(json, RuleBook.Json) ?? throw new InvalidDataException("SLA rules: empty document.");
        var problems = new List<string>();
        foreach (var g in Tickets.Grades.All)
        {
            rules._response[g] = RuleBook.Duration(rules.Response.GetValueOrDefault(g), $"response.{g}", problems);
            rules._resolution[g] = RuleBook.Duration(rules.Resolution.GetValueOrDefault(g), $"resolution.{g}", problems);
        }
        rules._onSiteSame = RuleBook.Duration(rules.OnSite.SameCity, "onSite.sameCity", problems);
        rules._onSiteOther = RuleBook.Duration(rules.OnSite.OtherCity, "onSite.otherCity", problems);
        foreach (var (g, o) in rules.OnSite.ByGrade)
        {
            if (!Tickets.Grades.All.Contains(g)) problems.Add($"onSite.byGrade: '{g}' is not P1–P4");
            rules._onSiteByGrade[g] = (RuleBook.Duration(o.SameCity, $"onSite.byGrade.{g}.sameCity", problems),
                                       RuleBook.Duration(o.OtherCity, $"onSite.byGrade.{g}.otherCity", problems));
        }
        if (rules.Calendar != "natural")
        {
            if (!rules.Calendars.TryGetValue(rules.Calendar, out var c)) problems.Add($"calendar '{rules.Calendar}' is not defined in calendars");
            else
            {
                try { rules._calendar = Build(rules.Calendar, c); }
                catch (Exception ex) when (ex is ArgumentException or FormatException) { problems.Add($"calendar '{rules.Calendar}': {ex.Message}"); }
            }
        }
        if (problems.Count > 0) throw new InvalidDataException("SLA rules: " + string.Join("; ", problems) + ".");
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
    public (TimeSpan SameCity, TimeSpan OtherCity) OnSiteTargets(string grade) =>
        _onSiteByGrade.TryGetValue(grade, out var g) ? g : (_onSiteSame, _onSiteOther);
    public TimeSpan ResponseTarget(string? grade) => _response.GetValueOrDefault(grade ?? "P4", _response["P4"]);
    public TimeSpan ResolutionTarget(string? grade) => _resolution.GetValueOrDefault(grade ?? "P4", _resolution["P4"]);

    /// <summary>The on-site target (SLA-2) for a requester and the dispatched service point, with the reason.</summary>
    public (TimeSpan Target, string Reason) OnSiteTarget(string requesterCounty, string servicePointCounty, string? grade, GuangxiDivisions divisions, string scope)
    {
        var policy = new OnSitePolicy(divisions);
        var city = divisions.CityOf(requesterCounty)?.Code ?? throw new ArgumentException($"Unknown division code {requesterCounty}.");
        if (_onSiteSame != OnSitePolicy.SameCityDefault || _onSiteOther != OnSitePolicy.OtherCityDefault) policy.Overrides[(city, null)] = (_onSiteSame, _onSiteOther);
        foreach (var (g, o) in _onSiteByGrade) policy.Overrides[(city, g)] = o;
        var (target, reason) = policy.Target(requesterCounty, servicePointCounty, grade);
        return (target, scope == RuleKinds.RegionScope ? reason : $"{reason}; rules of {scope}");
    }
}

/// <summary>
/// One escalation level (FLOW-3): at a share of a clock's target, tell these roles (resolved for the ticket: its city's
/// coordinator, its enterprise's manager …) and these named people, by these channels (the inbox always).
/// </summary>
public sealed class EscalationLevel
{
    public int Percent { get; set; }
    public List<string> Roles { get; set; } = [];
    /// <summary>Named people (user names) told besides the roles.</summary>
    public List<string> Users { get; set; } = [];
    /// <summary>inbox, email, sms; the inbox is always used.</summary>
    public List<string> Channels { get; set; } = ["inbox"];
    public string? LabelZh { get; set; }

    public static readonly IReadOnlyList<string> KnownChannels = ["inbox", "email", "sms"];

    /// <summary>The channels used: the ones named, and the inbox.</summary>
    public IReadOnlyList<string> EffectiveChannels => ["inbox", .. Channels.Where(c => c != "inbox").Distinct()];
}

/// <summary>The regional escalation chain; definitions may give their own levels.</summary>
public sealed class EscalationRules
{
    public List<EscalationLevel> Levels { get; set; } = [];

    public static EscalationRules Parse(string json)
    {
        var rules = JsonSerializer.Deserialize<EscalationRules>(json, RuleBook.Json) ?? throw new InvalidDataException("Escalation rules: empty document.");
        var problems = Check(rules.Levels);
        if (problems.Count > 0) throw new InvalidDataException("Escalation rules: " + string.Join("; ", problems) + ".");
        return rules;
    }

    /// <summary>Levels must have distinct percentages between 1 and 1000, tell somebody, and use known channels.</summary>
    public static List<string> Check(IReadOnlyList<EscalationLevel> levels)
    {
        var problems = new List<string>();
        if (levels.Count == 0) problems.Add("there are no levels");
        foreach (var l in levels)
        {
            if (l.Percent is < 1 or > 1000) problems.Add($"percent {l.Percent} is outside 1–1000");
            if (l.Roles.Count + l.Users.Count == 0) problems.Add($"level {l.Percent}% tells nobody (name a role or a person)");
            if (l.Roles.Any(string.IsNullOrWhiteSpace) || l.Users.Any(string.IsNullOrWhiteSpace)) problems.Add($"level {l.Percent}% has an empty recipient");
            foreach (var u in l.Users.Where(u => u.Length > 256 || u.Any(char.IsWhiteSpace))) problems.Add($"level {l.Percent}%: '{u}' is not a user name");
            foreach (var c in l.Channels.Where(c => !EscalationLevel.KnownChannels.Contains(c))) problems.Add($"level {l.Percent}%: channel '{c}' is not inbox, email or sms");
        }
        foreach (var dup in levels.GroupBy(l => l.Percent).Where(g => g.Count() > 1)) problems.Add($"percent {dup.Key} appears twice");
        return problems;
    }
}

/// <summary>
/// Dispatch preferences (DSP-2, RUL-1): the capability level each grade needs; service points the city prefers (first
/// within the same distance tier) or excludes (never chosen); and, per requester county, the city to try first when
/// nobody in the requester's own city qualifies (a county on a city border is often better served from next door). The
/// order same county → same city → other city → lowest workload stays as the plan fixes it.
/// </summary>
public sealed class DispatchRules
{
    public Dictionary<string, int> RequiredLevel { get; set; } = new();
    public List<Guid> PreferredServicePoints { get; set; } = [];
    public List<Guid> ExcludedServicePoints { get; set; } = [];
    /// <summary>Requester county code → the other city (4-digit code) tried first.</summary>
    public Dictionary<string, string> Fallbacks { get; set; } = new();

    public static DispatchRules Parse(string json)
    {
        var rules = JsonSerializer.Deserialize<DispatchRules>(json, RuleBook.Json) ?? throw new InvalidDataException("Dispatch rules: empty document.");
        var problems = new List<string>();
        foreach (var g in Tickets.Grades.All)
            if (!rules.RequiredLevel.TryGetValue(g, out var l)) problems.Add($"requiredLevel.{g} is missing");
            else if (l is < 1 or > 3) problems.Add($"requiredLevel.{g} = {l} is outside 1–3");
        foreach (var both in rules.PreferredServicePoints.Intersect(rules.ExcludedServicePoints))
            problems.Add($"service point {both} is both preferred and excluded");
        var divisions = GuangxiDivisions.Shipped;
        foreach (var (county, city) in rules.Fallbacks)
        {
            var home = divisions.CityOf(county);
            if (home is null || divisions.Find(county)?.Level != DivisionLevel.County) problems.Add($"fallbacks: '{county}' is not a Guangxi county");
            else if (divisions.Cities.All(c => c.Code != city)) problems.Add($"fallbacks.{county}: '{city}' is not a Guangxi city");
            else if (home.Code == city) problems.Add($"fallbacks.{county}: {city} is the county's own city");
        }
        if (problems.Count > 0) throw new InvalidDataException("Dispatch rules: " + string.Join("; ", problems) + ".");
        return rules;
    }
}
