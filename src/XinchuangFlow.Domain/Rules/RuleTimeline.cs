namespace XinchuangFlow.Domain.Rules;

/// <summary>One saved version of a rule set (the regional set or a city's overrides) and when it was saved.</summary>
public sealed record RuleVersion(string Kind, string Scope, int Version, DateTimeOffset At, string Json);

/// <summary>
/// The rules in force at any moment, from every saved version (the audit history of the rule sets): what a ticket
/// created then was judged by. A moment before the first saved regional version is judged by that first version; a
/// city had no overrides before its first saved one.
/// </summary>
public sealed class RuleTimeline
{
    private readonly Dictionary<(string Kind, string Scope), RuleVersion[]> _versions;
    private readonly Dictionary<string, (ReplayRules Rules, string Scope)> _built = new(StringComparer.Ordinal);

    public RuleTimeline(IEnumerable<RuleVersion> versions)
    {
        _versions = versions.GroupBy(v => (v.Kind, v.Scope)).ToDictionary(g => g.Key, g => g.OrderBy(v => v.At).ThenBy(v => v.Version).ToArray());
        Fingerprint = string.Join(";", _versions.OrderBy(p => p.Key.Kind, StringComparer.Ordinal).ThenBy(p => p.Key.Scope, StringComparer.Ordinal)
            .Select(p => $"{p.Key.Kind}/{p.Key.Scope}:{p.Value[^1].Version}"));
    }

    /// <summary>The latest version of every rule set the timeline knows: equal fingerprints, equal timelines.</summary>
    public string Fingerprint { get; }

    /// <summary>The version of one rule set in force at <paramref name="at"/>, or null.</summary>
    public RuleVersion? At(string kind, string scope, DateTimeOffset at)
    {
        if (!_versions.TryGetValue((kind, scope), out var all)) return null;
        RuleVersion? found = null;
        foreach (var v in all)
        {
            if (v.At > at) break;
            found = v;
        }
        return found ?? (scope == RuleKinds.RegionScope ? all[0] : null);
    }

    /// <summary>
    /// The grading, SLA and escalation rules for a city at a moment (the regional set with the city's overrides then in
    /// force), and the scope the SLA targets come from (the city's code when it overrode them, else region).
    /// </summary>
    public (ReplayRules Rules, string Scope) RulesAt(string cityCode, DateTimeOffset at)
    {
        var parts = new[] { RuleKinds.Sla, RuleKinds.Escalation, RuleKinds.Grading }
            .Select(k => (Kind: k, Region: At(k, RuleKinds.RegionScope, at) ?? throw new InvalidOperationException($"No '{k}' rules were ever saved."), City: At(k, cityCode, at)))
            .ToArray();
        var key = cityCode + "|" + string.Join("|", parts.Select(p => $"{p.Region.Version}.{p.City?.Version ?? 0}"));
        if (_built.TryGetValue(key, out var hit)) return hit;
        string Effective(int i) => parts[i].City is { } city ? RuleOverrides.Merge(parts[i].Region.Json, city.Json) : parts[i].Region.Json;
        var rules = ReplayRules.Of(Effective(0), Effective(1), Effective(2));
        return _built[key] = (rules, parts[0].City is not null ? cityCode : RuleKinds.RegionScope);
    }
}
