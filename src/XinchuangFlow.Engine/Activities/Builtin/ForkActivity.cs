namespace XinchuangFlow.Engine.Activities.Builtin;

/// <summary>Starts every listed branch in parallel; each branch name is a port.</summary>
[Activity("xf.Fork", Categories.Flow, "并行分支", "Fork", DescriptionZh = "同时启动所有分支。", DescriptionEn = "Starts every branch in parallel.")]
public sealed class ForkActivity : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [In.Of("branches", InputKind.StringList, "分支名称", "Branches", required: true, expr: false)],
        [], OutcomesFromInput: "branches");

    public IReadOnlyList<string> GetOutcomes(Definitions.ActivityModel model) => Names.FromInput(model, "branches");

    public IEnumerable<string> Validate(Definitions.ActivityModel model) => Names.Check(model, "branches", min: 2);

    public ValueTask<ActivityResult> ExecuteAsync(Runtime.ActivityContext context) =>
        ValueTask.FromResult(ActivityResult.Done([.. Names.FromInput(context.Activity, "branches")]));
}
