namespace XinchuangFlow.Engine.Activities.Builtin;

/// <summary>
/// Waits for a named event sent through the API (<c>POST /api/workflow-instances/{id}/signals/{name}</c>). A signal sent
/// earlier with a time to live (a persistent signal) that is still kept is taken at once, exactly once.
/// </summary>
[Activity("xf.Signal", Categories.Integration, "等待事件", "Wait for signal", DescriptionZh = "等待外部发送的命名事件，事件数据可存入变量。", DescriptionEn = "Waits for a named event; its payload can be stored in a variable.")]
public sealed class SignalActivity : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [
            In.Of("signal", InputKind.String, "事件名", "Signal name", required: true),
            In.Of("resultVariable", InputKind.VariableName, "存入变量", "Store payload in", expr: false),
        ],
        ["done"], IsWaiting: true);

    public ValueTask<ActivityResult> ExecuteAsync(Runtime.ActivityContext context)
    {
        var name = context.GetString("signal");
        if (string.IsNullOrWhiteSpace(name)) throw new Runtime.ActivityInputException(context.Activity.Id, "signal", "the signal name is empty");
        var kept = context.TakePendingSignal(name, out var found);
        if (found)
        {
            context.JournalData("keptSignal", name);
            if (context.GetString("resultVariable") is { Length: > 0 } variable) context.SetVariable(variable, kept);
            return ValueTask.FromResult(ActivityResult.Done("done"));
        }
        context.CreateBookmark(Runtime.BookmarkKind.Signal, name);
        return ValueTask.FromResult(ActivityResult.Wait);
    }

    public ValueTask<ActivityResult> ResumeAsync(Runtime.ActivityContext context, ResumeStimulus stimulus)
    {
        if (context.GetString("resultVariable") is { Length: > 0 } variable)
            context.SetVariable(variable, stimulus.Payload);
        return ValueTask.FromResult(ActivityResult.Done("done"));
    }
}
