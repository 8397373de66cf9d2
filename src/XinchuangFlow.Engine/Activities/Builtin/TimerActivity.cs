namespace XinchuangFlow.Engine.Activities.Builtin;

/// <summary>Waits until a point in time, e.g. an SLA deadline computed by an expression.</summary>
[Activity("xf.Timer", Categories.Time, "定时/截止时间", "Timer / deadline", DescriptionZh = "等到指定时刻（可用表达式计算，如 SLA 截止时间）。", DescriptionEn = "Waits until a moment (may be computed, e.g. an SLA deadline).")]
public sealed class TimerActivity : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [In.Of("dueAt", InputKind.DateTime, "触发时刻", "Due at", required: true, hintZh: "ISO 8601 时间", hintEn: "ISO 8601 date-time")],
        ["done"], IsWaiting: true);

    public ValueTask<ActivityResult> ExecuteAsync(Runtime.ActivityContext context)
    {
        var due = context.GetDateTime("dueAt")!.Value;
        context.CreateTimer(due);
        context.JournalData("dueAt", due.ToString("O"));
        return ValueTask.FromResult(ActivityResult.Wait);
    }

    public ValueTask<ActivityResult> ResumeAsync(Runtime.ActivityContext context, ResumeStimulus stimulus) =>
        ValueTask.FromResult(ActivityResult.Done("done"));
}
