using System.Text.Json.Nodes;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Engine.Activities.Builtin;

/// <summary>
/// Multiple instances with a count known only at run time (ENG-12): starts one child instance of a published definition
/// per item of a list, in the same transaction, and waits for all of them, the first one, or the first N. When enough
/// have finished, the children still running are cancelled and the results (one per finished child, in the order they
/// finished) go to the result variable.
/// </summary>
[Activity("xf.ForEach", Categories.Flow, "多实例", "For each (multi-instance)",
    DescriptionZh = "为列表中的每一项启动一个子流程，等待全部、任一或前 N 个结束。", DescriptionEn = "Starts a child workflow per item; waits for all, any, or the first N to finish.")]
public sealed class ForEachActivity : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [
            In.Of("items", InputKind.Json, "列表", "Items", required: true, hintZh: "表达式，结果为数组，如 vars.units", hintEn: "An expression giving an array, e.g. vars.units"),
            In.Of("definitionId", InputKind.Definition, "子流程标识", "Child definition id", required: true, expr: false),
            In.Of("itemInput", InputKind.String, "子流程中项的变量名", "Child input name of the item", expr: false, @default: JsonValue.Create("item")),
            In.Of("waitFor", InputKind.String, "等待 (all/any/count)", "Wait for (all/any/count)", expr: false, @default: JsonValue.Create("all")),
            In.Of("count", InputKind.Number, "等待数量 N", "How many (count)"),
            In.Of("resultVariable", InputKind.VariableName, "结果存入变量", "Store results in", expr: false),
        ],
        ["done"], IsWaiting: true);

    public IEnumerable<string> Validate(Definitions.ActivityModel model)
    {
        var wait = model.Inputs.GetValueOrDefault("waitFor");
        if (wait is not null && !(wait is JsonValue v && v.TryGetValue<string>(out var s) && s is "all" or "any" or "count"))
            yield return "input 'waitFor' must be \"all\", \"any\" or \"count\"";
        if (wait is JsonValue c && c.TryGetValue<string>(out var cs) && cs == "count" && !model.Inputs.ContainsKey("count"))
            yield return "waitFor \"count\" needs the input 'count'";
    }

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        if (context.GetInput("items") is not JsonArray items)
            throw new ActivityInputException(context.Activity.Id, "items", "the items must be an array");
        var needed = context.GetString("waitFor") switch
        {
            "any" => Math.Min(1, items.Count),
            "count" => context.GetInput("count") is JsonValue n && n.TryGetValue<double>(out var d) && d >= 0 ? Math.Min((int)d, items.Count)
                : throw new ActivityInputException(context.Activity.Id, "count", "the count must be a number of 0 or more"),
            _ => items.Count,
        };
        if (needed == 0)
        {
            if (context.GetString("resultVariable") is { Length: > 0 } empty) context.SetVariable(empty, new JsonArray());
            return ActivityResult.Done("done");
        }
        var name = context.GetString("itemInput") ?? "item";
        var definitionId = context.GetString("definitionId")!;
        for (var i = 0; i < items.Count; i++)
            await context.StartChildAsync(definitionId, new JsonObject { [name] = items[i]?.DeepClone(), ["index"] = i }, wait: true);
        context.State = new JsonObject { ["total"] = items.Count, ["needed"] = needed, ["results"] = new JsonArray() };
        context.JournalData("children", items.Count);
        context.JournalData("needed", needed);
        return ActivityResult.Wait;
    }

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context, ResumeStimulus stimulus)
    {
        var state = context.State as JsonObject ?? new JsonObject { ["needed"] = 1, ["results"] = new JsonArray() };
        var results = state["results"] as JsonArray ?? [];
        results.Add(stimulus.Payload?.DeepClone());
        var needed = state["needed"]?.GetValue<int>() ?? 1;
        if (results.Count < needed)
        {
            state["results"] = results.DeepClone();
            context.State = state;
            return ValueTask.FromResult(ActivityResult.Wait);
        }
        // Enough finished: the children still running are cancelled with this commit.
        var cancelled = context.RemoveWaits(b => b.ActivityId == context.Activity.Id && b.Kind == BookmarkKind.SubWorkflow, cancel: true);
        context.State = null;
        context.JournalData("cancelledChildren", cancelled);
        if (context.GetString("resultVariable") is { Length: > 0 } variable) context.SetVariable(variable, results.DeepClone());
        return ValueTask.FromResult(ActivityResult.Done("done"));
    }
}
