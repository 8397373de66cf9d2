namespace XinchuangFlow.Engine.Activities.Builtin;

[Activity("xf.SetVariable", Categories.Data, "设置变量", "Set variable", DescriptionZh = "把值（可为表达式）写入变量。", DescriptionEn = "Writes a value (or expression result) into a variable.")]
public sealed class SetVariableActivity : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [
            In.Of("variable", InputKind.VariableName, "变量名", "Variable", required: true, expr: false),
            In.Of("value", InputKind.Json, "值", "Value", required: true),
        ],
        ["done"]);

    public ValueTask<ActivityResult> ExecuteAsync(Runtime.ActivityContext context)
    {
        var name = context.GetString("variable")!;
        context.SetVariable(name, context.GetInput("value"));
        return ValueTask.FromResult(ActivityResult.Done("done"));
    }
}
