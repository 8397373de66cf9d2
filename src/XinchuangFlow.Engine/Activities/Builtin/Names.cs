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
