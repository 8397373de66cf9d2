using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using XinchuangFlow.Domain.Grading;

namespace XinchuangFlow.Domain.Rules;

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
    /// <paramref name="now"/> on (<see cref="SlaSafety"/>; the caller's clock, the domain reads none).
    /// </summary>
    public static void Validate(string kind, string json, DateTimeOffset now) =>
        RuleKindRegistry.Builtin.Ensure(kind, json, now);

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    internal static TimeSpan Duration(string? text, string where, List<Problem> problems)
    {
        if (string.IsNullOrWhiteSpace(text)) { problems.Add(Problem.Of(RuleProblems.DurationMissing, where, $"{where} is missing")); return TimeSpan.Zero; }
        try
        {
            var d = System.Xml.XmlConvert.ToTimeSpan(text.Trim().ToUpperInvariant());
            if (d < MinDuration) problems.Add(Problem.Of(RuleProblems.DurationTooShort, where, $"{where} must be at least one minute", ("min", MinDuration)));
            else if (d > MaxDuration)
                problems.Add(Problem.Of(RuleProblems.DurationTooLong, where, $"{where}: {text} is longer than the longest target allowed ({MaxDuration.TotalDays:0} days)", ("value", d), ("max", MaxDuration)));
            return d;
        }
        catch (FormatException)
        {
            problems.Add(Problem.Of(RuleProblems.DurationFormat, where, $"{where}: '{text}' is not an ISO 8601 duration such as PT4H", ("value", text)));
            return TimeSpan.Zero;
        }
    }

    /// <summary>The typed document of JSON text; an empty document or one that is not JSON of the shape is a coded problem.</summary>
    internal static T Deserialize<T>(string json, string what) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Json) ?? throw DocumentProblems.Create([Problem.Of(RuleProblems.Empty, null, $"{what}: empty document.")]);
        }
        catch (JsonException ex) { throw DocumentProblems.Create([Problem.Of(RuleProblems.NotJson, null, $"The {what} are not valid JSON: {ex.Message}")]); }
    }


    /// <summary>Bounds for every duration in a rule set: a target shorter than a minute or longer than 30 days is a typo.</summary>
    public static readonly TimeSpan MinDuration = TimeSpan.FromMinutes(1), MaxDuration = TimeSpan.FromDays(30);
}
