using System.Text.Json.Nodes;

namespace XinchuangFlow.Engine.Activities.Builtin;

/// <summary>Starts another published workflow as a child; optionally waits for it and stores its variables.</summary>
[Activity("xf.SubWorkflow", Categories.Flow, "子流程", "Sub-workflow", DescriptionZh = "启动另一个已发布流程作为子流程，可等待其结束。", DescriptionEn = "Starts another published workflow as a child and can wait for it.")]
public sealed class SubWorkflowActivity : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [
            In.Of("definitionId", InputKind.Definition, "流程标识", "Definition id", required: true, expr: false),
            In.Of("input", InputKind.Json, "输入", "Input"),
            In.Of("wait", InputKind.Boolean, "等待结束", "Wait for completion", expr: false, @default: JsonValue.Create(true)),
            In.Of("resultVariable", InputKind.VariableName, "结果存入变量", "Store result in", expr: false),
        ],
        ["done"], IsWaiting: true);

    public async ValueTask<ActivityResult> ExecuteAsync(Runtime.ActivityContext context)
    {
        var definitionId = context.GetString("definitionId")!;
        var input = context.GetInput("input") switch
        {
            null => new JsonObject(),
            JsonObject o => o,
            _ => throw new Runtime.ActivityInputException(context.Activity.Id, "input", "the sub-workflow input must be an object"),
        };
        var wait = context.GetBool("wait");
        var childId = await context.StartChildAsync(definitionId, input, wait);
        context.JournalData("child", childId.ToString());
        return wait ? ActivityResult.Wait : ActivityResult.Done("done");
    }

    public ValueTask<ActivityResult> ResumeAsync(Runtime.ActivityContext context, ResumeStimulus stimulus)
    {
        if (context.GetString("resultVariable") is { Length: > 0 } variable)
            context.SetVariable(variable, stimulus.Payload?["variables"]?.DeepClone());
        return ValueTask.FromResult(ActivityResult.Done("done"));
    }
}
