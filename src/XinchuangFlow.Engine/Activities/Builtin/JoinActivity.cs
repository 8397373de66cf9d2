using System.Text.Json.Nodes;

namespace XinchuangFlow.Engine.Activities.Builtin;

/// <summary>
/// Merges paths. Modes (docs/workflow-json.md, "Join modes"):
/// <list type="bullet">
/// <item><c>all</c> — continues once every incoming activity has arrived (AND-join).</item>
/// <item><c>first</c> (alias <c>any</c>) — the first arrival continues, once; the other incoming paths are cancelled
/// (their waits and queued work removed, their tasks and sub-workflows cancelled).</item>
/// <item><c>discriminator</c> — the first arrival continues, once; later arrivals are absorbed without cancelling
/// anything; when every incoming path has arrived the join resets (for loops).</item>
/// <item><c>sync</c> — synchronising merge (OR-join): waits only for the incoming paths that were actually activated,
/// i.e. continues when no work is alive upstream any more. For conditional branches after a Switch or Decision.</item>
/// </list>
/// </summary>
[Activity("xf.Join", Categories.Flow, "汇聚", "Join",
    DescriptionZh = "all：所有分支到达后继续；first：第一个到达即继续并取消其他分支；discriminator：第一个到达即继续，其余到达被吸收；sync：只等待实际被激活的分支。",
    DescriptionEn = "all: wait for every path; first: first arrival continues and cancels the rest; discriminator: first continues, later arrivals absorbed; sync: waits only for paths actually activated.")]
public sealed class JoinActivity : IActivity, IMergeActivity
{
    public static readonly IReadOnlyList<string> Modes = ["all", "first", "any", "discriminator", "sync"];

    public ActivitySpec Spec { get; } = new(
        [In.Of("mode", InputKind.String, "模式 (all/first/discriminator/sync)", "Mode (all/first/discriminator/sync)", expr: false, @default: JsonValue.Create("all"))],
        ["done"]);

    public IEnumerable<string> Validate(Definitions.ActivityModel model)
    {
        var mode = model.Inputs.GetValueOrDefault("mode");
        if (mode is not null && !(mode is JsonValue v && v.TryGetValue<string>(out var s) && Modes.Contains(s)))
            yield return $"input 'mode' must be one of {string.Join(", ", Modes)}";
    }

    private static string ModeOf(Definitions.ActivityModel model) =>
        model.Inputs.GetValueOrDefault("mode") is JsonValue v && v.TryGetValue<string>(out var s) ? s : "all";

    public bool FiresWhenUpstreamIsDone(Definitions.ActivityModel model) => ModeOf(model) == "sync";

    public bool IsWaitingForMore(JsonNode? state) => state switch
    {
        JsonArray a => a.Count > 0,
        JsonObject o => o["fired"]?.GetValue<bool>() != true && o["arrived"] is JsonArray { Count: > 0 },
        _ => false,
    };

    public ValueTask<ActivityResult> ExecuteAsync(Runtime.ActivityContext context)
    {
        var id = context.Activity.Id;
        var mode = ModeOf(context.Activity);
        var (arrived, fired) = Read(context.State);
        var from = context.FromActivityId ?? "";
        if (from != IMergeActivity.Recheck && !arrived.Contains(from)) arrived.Add(from);
        var expected = context.Definition.Sources(id);
        var everyoneArrived = expected.All(arrived.Contains);

        switch (mode)
        {
            case "first" or "any":
                // Fires once: the other paths into the join are cancelled, and arrivals already queued are dropped.
                context.State = null;
                context.DropQueued(id);
                context.CancelWaitsOf(context.Definition.Ancestors(id));
                return Done();
            case "discriminator":
                if (fired)
                {
                    context.State = everyoneArrived ? null : Write(arrived, true);
                    context.JournalData("absorbed", from);
                    return ValueTask.FromResult(ActivityResult.EndPath);
                }
                context.State = everyoneArrived ? null : Write(arrived, true);
                return Done();
            case "sync":
                var upstream = context.Definition.Ancestors(id);
                upstream.Remove(id);
                if (!everyoneArrived && context.HasLiveWorkAt(upstream)) return Hold(context, arrived, expected.Count);
                context.State = null;
                context.JournalData("arrived", arrived.Count);
                return Done();
            default:
                if (everyoneArrived)
                {
                    context.State = null;
                    return Done();
                }
                return Hold(context, arrived, expected.Count);
        }
    }

    private static ValueTask<ActivityResult> Done() => ValueTask.FromResult(ActivityResult.Done("done"));

    private static ValueTask<ActivityResult> Hold(Runtime.ActivityContext context, List<string> arrived, int expected)
    {
        context.State = Write(arrived, false);
        context.JournalData("arrived", arrived.Count);
        context.JournalData("expected", expected);
        return ValueTask.FromResult(ActivityResult.EndPath);
    }

    private static (List<string> Arrived, bool Fired) Read(JsonNode? state) => state switch
    {
        // Older instances stored the arrivals as a plain array.
        JsonArray a => (a.Select(n => n?.GetValue<string>() ?? "").ToList(), false),
        JsonObject o => ((o["arrived"] as JsonArray ?? []).Select(n => n?.GetValue<string>() ?? "").ToList(), o["fired"]?.GetValue<bool>() == true),
        _ => ([], false),
    };

    private static JsonObject Write(List<string> arrived, bool fired) =>
        new() { ["arrived"] = new JsonArray(arrived.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray()), ["fired"] = fired };
}
