namespace XinchuangFlow.Engine.Activities.Builtin;

/// <summary>
/// Starts every listed branch in parallel; each branch is a port. A branch is a key (as older definitions have it) or
/// <c>{"key": "work", "name": "办理", "nameEn": "Work"}</c>: the key is the port, the names are what a reader sees.
/// </summary>
[Activity("xf.Fork", Categories.Flow, "并行分支", "Fork", DescriptionZh = "同时启动所有分支。", DescriptionEn = "Starts every branch in parallel.")]
public sealed class ForkActivity : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [In.Of("branches", InputKind.Outcomes, "分支", "Branches", required: true, expr: false,
            hintZh: "每个分支有稳定的键（连线端口）和可修改的显示名称。", hintEn: "Each branch has a stable key (its port) and a display name that may change.")],
        [], OutcomesFromInput: "branches");

    public IReadOnlyList<string> GetOutcomes(Definitions.ActivityModel model) => Keys(model);

    public IEnumerable<string> Validate(Definitions.ActivityModel model) => Names.CheckOutcomes(model, "branches", min: 2);

    public ValueTask<ActivityResult> ExecuteAsync(Runtime.ActivityContext context) =>
        ValueTask.FromResult(ActivityResult.Done([.. Keys(context.Activity)]));

    private static List<string> Keys(Definitions.ActivityModel model) => Names.OutcomesFromInput(model, "branches").Select(b => b.Key).ToList();
}
