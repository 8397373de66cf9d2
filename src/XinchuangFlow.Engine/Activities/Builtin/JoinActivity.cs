using System.Text.Json.Nodes;

namespace XinchuangFlow.Engine.Activities.Builtin;

/// <summary>
/// Merges parallel paths. "all" continues once every incoming activity has arrived; "any" continues on the
/// first arrival and cancels the waits of the other paths that lead into it.
/// </summary>
[Activity("xf.Join", Categories.Flow, "汇聚", "Join", DescriptionZh = "all：所有分支到达后继续；any：第一个分支到达即继续并取消其他分支。", DescriptionEn = "all: continue when every path has arrived; any: continue on the first arrival and cancel the others.")]
public sealed class JoinActivity : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [In.Of("mode", InputKind.String, "模式 (all/any)", "Mode (all/any)", expr: false, @default: JsonValue.Create("all"))],
        ["done"]);

    public IEnumerable<string> Validate(Definitions.ActivityModel model)
    {
        var mode = model.Inputs.GetValueOrDefault("mode");
        if (mode is not null && !(mode is JsonValue v && v.TryGetValue<string>(out var s) && s is "all" or "any"))
            yield return "input 'mode' must be \"all\" or \"any\"";
    }

    public ValueTask<ActivityResult> ExecuteAsync(Runtime.ActivityContext context)
    {
        var mode = context.GetString("mode") ?? "all";
        var arrived = context.State as JsonArray ?? [];
        var from = context.FromActivityId ?? "";
        if (!arrived.Any(n => n?.GetValue<string>() == from)) arrived.Add(from);

        if (mode == "any")
        {
            context.State = null;
            context.CancelWaitsOf(context.Definition.Ancestors(context.Activity.Id));
            return ValueTask.FromResult(ActivityResult.Done("done"));
        }
        var expected = context.Definition.Sources(context.Activity.Id);
        if (expected.All(s => arrived.Any(n => n?.GetValue<string>() == s)))
        {
            context.State = null;
            return ValueTask.FromResult(ActivityResult.Done("done"));
        }
        context.State = arrived;
        context.JournalData("arrived", arrived.Count);
        context.JournalData("expected", expected.Count);
        return ValueTask.FromResult(ActivityResult.EndPath);
    }
}
