namespace XinchuangFlow.Engine.Activities.Builtin;

[Activity("xf.Decision", Categories.Flow, "条件判断", "Decision", DescriptionZh = "条件为真走 true，否则走 false。", DescriptionEn = "Goes to 'true' when the condition holds, else to 'false'.")]
public sealed class DecisionActivity : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [In.Of("condition", InputKind.Boolean, "条件", "Condition", required: true, hintZh: "例如 vars.grade == 'P1'", hintEn: "e.g. vars.grade == 'P1'")],
        ["true", "false"]);

    public ValueTask<ActivityResult> ExecuteAsync(Runtime.ActivityContext context) =>
        ValueTask.FromResult(ActivityResult.Done(context.GetBool("condition") ? "true" : "false"));
}
