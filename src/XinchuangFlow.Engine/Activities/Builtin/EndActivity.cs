using System.Text.Json.Nodes;

namespace XinchuangFlow.Engine.Activities.Builtin;

[Activity("xf.End", Categories.Flow, "结束", "End",
    DescriptionZh = "结束流程。默认终止整个实例（取消其他等待）；terminate=false 时只结束本路径。",
    DescriptionEn = "Ends the flow. By default terminates the whole instance (cancels other waits); terminate=false ends only this path.")]
public sealed class EndActivity : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [In.Of("terminate", InputKind.Boolean, "终止整个实例", "Terminate instance", expr: false, @default: JsonValue.Create(true))],
        [], IsTerminal: true);

    public ValueTask<ActivityResult> ExecuteAsync(Runtime.ActivityContext context) =>
        ValueTask.FromResult(context.GetBool("terminate") ? new ActivityResult.Terminate() : ActivityResult.EndPath);
}
