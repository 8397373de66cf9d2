using System.Text.Json.Nodes;
using XinchuangFlow.Engine.Definitions;

namespace XinchuangFlow.Engine.Activities.Builtin;

/// <summary>Reads a literal string-list input that defines ports.</summary>
internal static class Names
{
    /// <summary>
    /// Task outcomes from a literal list: each item is a string (key and name at once, as older definitions have it)
    /// or <c>{"key": "approve", "name": "通过", "nameEn": "Approve"}</c>.
    /// </summary>
    public static IReadOnlyList<Runtime.TaskOutcome> OutcomesFromInput(ActivityModel model, string input) =>
        model.Inputs.GetValueOrDefault(input) is JsonArray a ? a.Select(ParseOutcome).OfType<Runtime.TaskOutcome>().ToList() : [];

    private static Runtime.TaskOutcome? ParseOutcome(JsonNode? n) => n switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) && s.Length > 0 => new Runtime.TaskOutcome(s, s),
        JsonObject o when o["key"] is JsonValue k && k.TryGetValue<string>(out var key) && key.Trim().Length > 0 =>
            new Runtime.TaskOutcome(key, o["name"] is JsonValue nv && nv.TryGetValue<string>(out var name) && name.Length > 0 ? name : key,
                o["nameEn"] is JsonValue ev && ev.TryGetValue<string>(out var en) && en.Length > 0 ? en : null),
        _ => null,
    };

    /// <summary>Problems of a literal outcome list: missing keys, too few, repeated keys, keys with outer spaces or too long.</summary>
    public static IEnumerable<string> CheckOutcomes(ActivityModel model, string input, int min)
    {
        var keys = OutcomesFromInput(model, input).Select(o => o.Key).ToList();
        var problems = CheckList(model, input, min, keys, "outcomes", "outcome without a key (use a text or {\"key\", \"name\"})", "outcome key");
        return problems.Concat(keys.Where(k => k.Length > 100 || k != k.Trim())
            .Select(k => $"outcome key '{k}' must be at most 100 characters without leading or trailing spaces"));
    }

    private static IEnumerable<string> CheckList(ActivityModel model, string input, int min, IReadOnlyList<string> parsed, string what, string bad, string item)
    {
        if (model.Inputs.GetValueOrDefault(input) is not JsonArray a)
        {
            yield return $"input '{input}' must be a literal list of {what}";
            yield break;
        }
        if (parsed.Count != a.Count) yield return $"input '{input}' has an {bad}";
        if (parsed.Count < min) yield return $"input '{input}' needs at least {min} {item}(s)";
        foreach (var dup in parsed.GroupBy(n => n).Where(g => g.Count() > 1))
            yield return $"{item} '{dup.Key}' appears twice in '{input}'";
    }
}
