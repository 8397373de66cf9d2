using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Engine.Activities.Builtin;

/// <summary>
/// A human task: assigned to a user, a role, or a user computed by an expression; its outcomes are the ports;
/// its form fields are validated when it is completed, and the data can be stored in a variable.
/// </summary>
[Activity("xf.UserTask", Categories.Human, "人工任务", "User task", DescriptionZh = "创建待办任务，由指定用户或角色在收件箱中处理；每个结果是一个出口。", DescriptionEn = "Creates an inbox task for a user or role; each outcome is a port.")]
public sealed class UserTaskActivity : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [
            In.Of("title", InputKind.String, "任务标题", "Title", required: true),
            In.Of("description", InputKind.Text, "说明", "Description"),
            In.Of("assignee", InputKind.String, "处理人", "Assignee (user)"),
            In.Of("role", InputKind.String, "处理角色", "Assignee (role)"),
            In.Of("outcomes", InputKind.StringList, "处理结果", "Outcomes", required: true, expr: false, @default: new JsonArray("完成")),
            In.Of("form", InputKind.Form, "表单字段", "Form fields", expr: false),
            In.Of("dueIn", InputKind.Duration, "处理时限", "Due in"),
            In.Of("resultVariable", InputKind.VariableName, "表单数据存入变量", "Store form data in", expr: false),
        ],
        [], IsWaiting: true, OutcomesFromInput: "outcomes");

    public IReadOnlyList<string> GetOutcomes(ActivityModel model) =>
        model.Inputs.ContainsKey("outcomes") ? Names.FromInput(model, "outcomes") : ["完成"];

    public IEnumerable<string> Validate(ActivityModel model)
    {
        if (model.Inputs.ContainsKey("outcomes"))
            foreach (var p in Names.Check(model, "outcomes", min: 1)) yield return p;
        if (!model.Inputs.ContainsKey("assignee") && !model.Inputs.ContainsKey("role"))
            yield return "a user task needs an 'assignee' or a 'role'";
        if (model.Inputs.GetValueOrDefault("form") is { } form)
        {
            List<FormField>? fields = null;
            string? error = null;
            try { fields = form.Deserialize<List<FormField>>(DefinitionJson.Options); }
            catch (JsonException ex) { error = ex.Message; }
            if (fields is null) yield return $"input 'form' must be a list of fields ({error})";
            else
                foreach (var f in fields)
                {
                    if (string.IsNullOrWhiteSpace(f.Name)) yield return "a form field has no name";
                    if (f.Type is not ("text" or "textarea" or "number" or "boolean" or "date" or "datetime" or "select"))
                        yield return $"form field '{f.Name}' has unknown type '{f.Type}'";
                }
        }
    }

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var assignee = context.GetString("assignee");
        var role = context.GetString("role");
        if (string.IsNullOrWhiteSpace(assignee) && string.IsNullOrWhiteSpace(role))
            throw new ActivityInputException(context.Activity.Id, "assignee", "the task has neither an assignee nor a role (the expression gave nothing)");
        var form = context.Activity.Inputs.GetValueOrDefault("form")?.Deserialize<List<FormField>>(DefinitionJson.Options) ?? [];
        var dueIn = context.GetDuration("dueIn");
        var task = context.CreateTask(new HumanTask
        {
            Title = context.GetString("title") ?? context.Activity.Label,
            Description = context.GetString("description"),
            AssigneeUser = string.IsNullOrWhiteSpace(assignee) ? null : assignee,
            AssigneeRole = string.IsNullOrWhiteSpace(role) ? null : role,
            Outcomes = [.. GetOutcomes(context.Activity)],
            Form = form,
            DueAt = dueIn is { } d ? context.Now + d : null,
        });
        context.JournalData("taskId", task.Id.ToString());
        return ValueTask.FromResult(ActivityResult.Wait);
    }

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context, ResumeStimulus stimulus)
    {
        if (context.GetString("resultVariable") is { Length: > 0 } variable)
            context.SetVariable(variable, stimulus.Payload);
        context.JournalData("by", stimulus.User);
        return ValueTask.FromResult(ActivityResult.Done(stimulus.Outcome!));
    }
}
