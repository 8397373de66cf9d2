using System.Text.Json.Nodes;
using XinchuangFlow.Engine.Definitions;

namespace XinchuangFlow.Engine.Activities.Builtin;

/// <summary>
/// Goes to the first case whose condition holds (mode <c>first</c>), or to every case whose condition holds (mode
/// <c>all</c>, multi-choice: the chosen paths run in parallel; merge them with a <c>sync</c> join), else "default". Cases are
/// <c>[{"name": "P1", "condition": {"expr": "vars.grade == 'P1'"}}]</c>; every case name is a port.
/// </summary>
[Activity("xf.Switch", Categories.Flow, "多路分支", "Switch", DescriptionZh = "first：走第一个条件成立的分支；all：走所有条件成立的分支（多选）；都不成立走 default。", DescriptionEn = "first: the first case whose condition holds; all: every such case (multi-choice); else 'default'.")]
public sealed class SwitchActivity : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [
            In.Of("cases", InputKind.Cases, "分支", "Cases", required: true, expr: false),
            In.Of("mode", InputKind.String, "模式 (first/all)", "Mode (first/all)", expr: false, @default: JsonValue.Create("first")),
        ],
        ["default"], OutcomesFromInput: "cases");

    public IReadOnlyList<string> GetOutcomes(ActivityModel model) =>
        [.. CaseNames(model), "default"];

    private static IEnumerable<string> CaseNames(ActivityModel model) =>
        model.Inputs.GetValueOrDefault("cases") is JsonArray cases
            ? cases.OfType<JsonObject>().Select(c => c["name"]?.GetValue<string>() ?? "").Where(n => n.Length > 0)
            : [];

    public IEnumerable<string> Validate(ActivityModel model)
    {
        if (model.Inputs.GetValueOrDefault("mode") is { } mode && !(mode is JsonValue mv && mv.TryGetValue<string>(out var m) && m is "first" or "all"))
            yield return "input 'mode' must be \"first\" or \"all\"";
        if (model.Inputs.GetValueOrDefault("cases") is not JsonArray cases)
        {
            yield return "input 'cases' must be an array of {name, condition}";
            yield break;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in cases)
        {
            if (c is not JsonObject o || o["name"] is not JsonValue n || !n.TryGetValue<string>(out var name) || name.Length == 0)
                yield return "every case needs a non-empty 'name'";
            else if (!names.Add(name) || name == "default")
                yield return $"case name '{name}' is used twice (or is 'default')";
            else if (o["condition"] is null)
                yield return $"case '{name}' has no condition";
        }
    }

    public ValueTask<ActivityResult> ExecuteAsync(Runtime.ActivityContext context)
    {
        var cases = context.Activity.Inputs.GetValueOrDefault("cases") as JsonArray ?? [];
        var all = context.GetString("mode") == "all";
        var chosen = new List<string>();
        var index = 0;
        foreach (var c in cases.OfType<JsonObject>())
        {
            var name = c["name"]!.GetValue<string>();
            var condition = c["condition"];
            if (!EvaluateCase(context, condition, index++)) continue;
            if (!all) return ValueTask.FromResult(ActivityResult.Done(name));
            chosen.Add(name);
        }
        return ValueTask.FromResult(ActivityResult.Done(chosen.Count > 0 ? [.. chosen] : ["default"]));
    }

    private static bool EvaluateCase(Runtime.ActivityContext context, JsonNode? condition, int index)
    {
        if (!DefinitionJson.TryGetExpression(condition, out var expr))
            return condition is JsonValue v && v.TryGetValue<bool>(out var b) && b;
        try
        {
            var result = context.EvaluateExpression(expr);
            return result is JsonValue r && (r.TryGetValue<bool>(out var rb) ? rb : r.TryGetValue<double>(out var d) && d != 0);
        }
        catch (Abstractions.ExpressionException ex)
        {
            throw new Runtime.ActivityInputException(context.Activity.Id, $"cases[{index}].condition", ex.Message, ex);
        }
    }
}
