namespace XinchuangFlow.Engine.Activities.Builtin;

[Activity("xf.Delay", Categories.Time, "延时", "Delay", DescriptionZh = "等待一段时间后继续（持久化定时器，重启后仍会触发）。", DescriptionEn = "Waits for a duration (durable timer; survives restarts).")]
public sealed class DelayActivity : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [In.Of("duration", InputKind.Duration, "时长", "Duration", required: true, hintZh: "等待多久后继续。", hintEn: "How long to wait before going on.")],
        ["done"], IsWaiting: true);

    public ValueTask<ActivityResult> ExecuteAsync(Runtime.ActivityContext context)
    {
        var duration = context.GetDuration("duration") ?? TimeSpan.Zero;
        context.CreateTimer(context.Now + duration);
        return ValueTask.FromResult(ActivityResult.Wait);
    }

    public ValueTask<ActivityResult> ResumeAsync(Runtime.ActivityContext context, ResumeStimulus stimulus) =>
        ValueTask.FromResult(ActivityResult.Done("done"));
}
