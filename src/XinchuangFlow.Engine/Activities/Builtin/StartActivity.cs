namespace XinchuangFlow.Engine.Activities.Builtin;

[Activity("xf.Start", Categories.Flow, "开始", "Start", DescriptionZh = "流程的唯一入口。", DescriptionEn = "The single entry point of the flow.")]
public sealed class StartActivity : IActivity
{
    public ActivitySpec Spec { get; } = new([], ["done"], IsStart: true);
    public ValueTask<ActivityResult> ExecuteAsync(Runtime.ActivityContext context) => ValueTask.FromResult(ActivityResult.Done("done"));
}
