using System.Text.Json.Nodes;
using XinchuangFlow.Engine.Definitions;

namespace XinchuangFlow.Engine.Activities.Builtin;

/// <summary>Reads a literal string-list input that defines ports.</summary>
internal static class Names
{
    public static IReadOnlyList<string> FromInput(ActivityModel model, string input) =>
        model.Inputs.GetValueOrDefault(input) is JsonArray a
            ? a.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : "").Where(s => s.Length > 0).ToList()
            : [];

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

    public static IEnumerable<string> CheckOutcomes(ActivityModel model, string input, int min)
    {
        if (model.Inputs.GetValueOrDefault(input) is not JsonArray a)
        {
            yield return $"input '{input}' must be a literal list of outcomes";
            yield break;
        }
        var outcomes = OutcomesFromInput(model, input);
        if (outcomes.Count != a.Count) yield return $"input '{input}' has an outcome without a key (use a text or {{\"key\", \"name\"}})";
        if (outcomes.Count < min) yield return $"input '{input}' needs at least {min} outcome(s)";
        foreach (var dup in outcomes.GroupBy(o => o.Key).Where(g => g.Count() > 1))
            yield return $"outcome key '{dup.Key}' appears twice in '{input}'";
        foreach (var o in outcomes.Where(o => o.Key.Length > 100 || o.Key != o.Key.Trim()))
            yield return $"outcome key '{o.Key}' must be at most 100 characters without leading or trailing spaces";
    }

    public static IEnumerable<string> Check(ActivityModel model, string input, int min)
    {
        if (model.Inputs.GetValueOrDefault(input) is not JsonArray a)
        {
            yield return $"input '{input}' must be a literal list of names";
            yield break;
        }
        var names = FromInput(model, input);
        if (names.Count != a.Count) yield return $"input '{input}' has an empty or non-text name";
        if (names.Count < min) yield return $"input '{input}' needs at least {min} name(s)";
        foreach (var dup in names.GroupBy(n => n).Where(g => g.Count() > 1))
            yield return $"name '{dup.Key}' appears twice in '{input}'";
    }
}
