using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace XinchuangFlow.Domain.Rules;

/// <summary>
/// The Data Bureau's limits on what a city may set (RUL-2): the regional document's <c>cityLimits</c> maps a field
/// (e.g. <c>onSite.sameCity</c>) to a <c>min</c> and/or <c>max</c> — durations (ISO 8601) or numbers. A city's
/// effective rules must stay within them; a city cannot change the limits themselves.
/// </summary>
public static class RuleLimits
{
    public const string Member = "cityLimits";

    /// <summary>Problems with the limits as the Data Bureau wrote them (each bound must be a duration or a number, min ≤ max).</summary>
    public static IReadOnlyList<Problem> CheckLimits(JsonObject region)
    {
        var problems = new List<Problem>();
        if (region[Member] is null) return problems;
        if (region[Member] is not JsonObject limits) return [Problem.Of(RuleProblems.LimitInvalid, Member, $"{Member} must be an object of field → {{min, max}}")];
        foreach (var (path, node) in limits)
        {
            var at = $"{Member}.{path}";
            if (node is not JsonObject limit) { problems.Add(Problem.Of(RuleProblems.LimitInvalid, at, $"{at} must be {{min, max}}")); continue; }
            var min = Value(limit["min"]);
            var max = Value(limit["max"]);
            if (limit["min"] is not null && min is null) problems.Add(Problem.Of(RuleProblems.LimitInvalid, at, $"{at}.min is neither a duration nor a number"));
            if (limit["max"] is not null && max is null) problems.Add(Problem.Of(RuleProblems.LimitInvalid, at, $"{at}.max is neither a duration nor a number"));
            if (min is { } a && max is { } b && a > b) problems.Add(Problem.Of(RuleProblems.LimitMinAboveMax, at, $"{at}: min is above max"));
        }
        return problems;
    }

    /// <summary>
    /// Where a city's effective rules leave the limits, each with a clear reason. A limit's field may hold a <c>*</c>
    /// segment for any member (<c>onSite.byGrade.*.sameCity</c>: every grade's own same-city target).
    /// </summary>
    public static IReadOnlyList<Problem> Check(JsonObject region, JsonObject effective)
    {
        var problems = new List<Problem>();
        if (region[Member] is not JsonObject limits) return problems;
        foreach (var (pattern, node) in limits)
        {
            if (node is not JsonObject limit) continue;
            foreach (var (path, found) in RuleOverrides.FindAll(effective, pattern))
            {
                if (Value(found) is not { } value) continue;
                var shown = found.ToJsonString().Trim('"');
                if (Value(limit["min"]) is { } min && value < min)
                    problems.Add(Problem.Of(RuleProblems.BelowLimit, path, $"{path} is {shown}; the Data Bureau allows at least {limit["min"]!.ToJsonString().Trim('"')}",
                        ("value", Shown(found)), ("min", Shown(limit["min"]))));
                if (Value(limit["max"]) is { } max && value > max)
                    problems.Add(Problem.Of(RuleProblems.AboveLimit, path, $"{path} is {shown}; the Data Bureau allows at most {limit["max"]!.ToJsonString().Trim('"')}",
                        ("value", Shown(found)), ("max", Shown(limit["max"]))));
            }
        }
        return problems;
    }

    /// <summary>A bound or value as a reader is shown it: a duration as a <see cref="TimeSpan"/> ("4 小时"), a number as a number.</summary>
    private static object? Shown(JsonNode? node)
    {
        if (node is not JsonValue v) return null;
        if (v.GetValueKind() == JsonValueKind.Number) return v.GetValue<double>();
        if (!v.TryGetValue<string>(out var s)) return null;
        try { return System.Xml.XmlConvert.ToTimeSpan(s.Trim().ToUpperInvariant()); }
        catch (FormatException) { return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : s; }
    }

    /// <summary>A bound or value as a comparable number: durations in ticks, numbers as they are.</summary>
    private static double? Value(JsonNode? node)
    {
        if (node is not JsonValue v) return null;
        if (v.GetValueKind() == JsonValueKind.Number) return v.GetValue<double>();
        if (v.TryGetValue<string>(out var s))
        {
            try { return System.Xml.XmlConvert.ToTimeSpan(s.Trim().ToUpperInvariant()).Ticks; }
            catch (FormatException) { return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null; }
        }
        return null;
    }
}
