using System.Text.Json;
using XinchuangFlow.Domain.Network;

namespace XinchuangFlow.Domain.Rules;

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
        var rules = RuleBook.Deserialize<DispatchRules>(json, "dispatch rules");
        var problems = new List<Problem>();
        foreach (var g in Tickets.Grade.Codes)
            if (!rules.RequiredLevel.TryGetValue(g, out var l))
                problems.Add(Problem.Of(RuleProblems.RequiredLevelMissing, $"requiredLevel.{g}", $"requiredLevel.{g} is missing", ("grade", g)));
            else if (l is < 1 or > 3)
                problems.Add(Problem.Of(RuleProblems.RequiredLevelRange, $"requiredLevel.{g}", $"requiredLevel.{g} = {l} is outside 1–3", ("grade", g), ("value", l)));
        foreach (var both in rules.PreferredServicePoints.Intersect(rules.ExcludedServicePoints))
            problems.Add(Problem.Of(RuleProblems.PointPreferredAndExcluded, "excludedServicePoints", $"service point {both} is both preferred and excluded"));
        var divisions = GuangxiDivisions.Shipped;
        foreach (var (county, city) in rules.Fallbacks)
        {
            var home = divisions.CityOf(county);
            if (home is null || divisions.Find(county)?.Level != DivisionLevel.County)
                problems.Add(Problem.Of(RuleProblems.FallbackNotCounty, "fallbacks", $"fallbacks: '{county}' is not a Guangxi county", ("county", county)));
            else if (divisions.Cities.All(c => c.Code != city))
                problems.Add(Problem.Of(RuleProblems.FallbackNotCity, $"fallbacks.{county}", $"fallbacks.{county}: '{city}' is not a Guangxi city", ("county", county), ("city", city)));
            else if (home.Code == city)
                problems.Add(Problem.Of(RuleProblems.FallbackOwnCity, $"fallbacks.{county}", $"fallbacks.{county}: {city} is the county's own city", ("county", county), ("city", city)));
        }
        DocumentProblems.ThrowIfAny(problems);
        return rules;
    }
}
