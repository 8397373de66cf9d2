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
public class UserTaskActivity : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [
            In.Of("title", InputKind.String, "任务标题", "Title", required: true),
            In.Of("titleEn", InputKind.String, "任务标题（英文）", "Title (English)",
                hintZh: "英文界面显示的标题；不填时英文界面显示步骤的英文名称。", hintEn: "The title the English pages show; when empty they show the step's English name."),
            In.Of("taskKind", InputKind.TaskKind, "任务类别", "Task kind", expr: false,
                hintZh: "任务在业务中扮演的角色（如“用户评价”）；门户、手机页和收件箱按类别找到任务，与步骤编号无关。",
                hintEn: "The part the task plays (e.g. \"unit's feedback\"); the portal, phone pages and inbox find the task by it, whatever the step's id."),
            In.Of("description", InputKind.Text, "说明", "Description"),
            In.Of("descriptionEn", InputKind.Text, "说明（英文）", "Description (English)"),
            In.Of("assignee", InputKind.User, "处理人", "Assignee (user)"),
            In.Of("role", InputKind.Role, "处理角色", "Assignee (role)"),
            In.Of("outcomes", InputKind.Outcomes, "处理结果", "Outcomes", required: true, expr: false,
                @default: new JsonArray(new JsonObject { ["key"] = "done", ["name"] = "完成", ["nameEn"] = "Done" }),
                hintZh: "每个结果有稳定的键（连线端口、接口调用使用）和可修改的显示名称。", hintEn: "Each outcome has a stable key (port, used by API callers) and a display name that may change."),
            In.Of("form", InputKind.Form, "表单字段", "Form fields", expr: false),
            In.Of("dueIn", InputKind.Duration, "处理时限", "Due in",
                hintZh: "到期时若连接了 overdue 出口，任务被收回并沿 overdue 继续。", hintEn: "When the 'overdue' port is connected, the task is withdrawn at the due time and the flow takes 'overdue'."),
            In.Of("resultVariable", InputKind.VariableName, "表单数据存入变量", "Store form data in", expr: false),
        ],
        [], IsWaiting: true, OutcomesFromInput: "outcomes");

    /// <summary>The outcomes a configured task offers (key and names).</summary>
    public static IReadOnlyList<TaskOutcome> OutcomesOf(ActivityModel model) =>
        model.Inputs.ContainsKey("outcomes") ? Names.OutcomesFromInput(model, "outcomes") : [new TaskOutcome("完成", "完成", "Done")];

    public IReadOnlyList<string> GetOutcomes(ActivityModel model) => OutcomesOf(model).Select(o => o.Key).ToList();

    /// <summary>The task kind a configured task declares (a literal), or null.</summary>
    public static string? TaskKindOf(ActivityModel model) =>
        model.Inputs.GetValueOrDefault("taskKind") is JsonValue v && v.TryGetValue<string>(out var kind) && !string.IsNullOrWhiteSpace(kind) ? kind : null;

    /// <summary>Taken when an administrator withdraws the task (optional port).</summary>
    public const string Withdrawn = "withdrawn";
    /// <summary>Taken when the task's due time passes before it is completed (optional port; only when connected).</summary>
    public const string Overdue = "overdue";
    private const string OverduePrefix = "overdue:";

    public IReadOnlyList<string> GetOptionalOutcomes(ActivityModel model) => [Withdrawn, Overdue];

    public virtual IEnumerable<string> Validate(ActivityModel model)
    {
        if (model.Inputs.ContainsKey("outcomes"))
            foreach (var p in Names.CheckOutcomes(model, "outcomes", min: 1)) yield return p;
        foreach (var reserved in OutcomesOf(model).Where(o => o.Key is Withdrawn or Overdue))
            yield return $"outcome key '{reserved.Key}' is reserved for the task's own '{reserved.Key}' port";
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
            TitleEn = context.GetString("titleEn") is { Length: > 0 } titleEn ? titleEn : context.Activity.DisplayNameEn,
            TaskKind = TaskKindOf(context.Activity),
            Description = context.GetString("description"),
            DescriptionEn = context.GetString("descriptionEn"),
            AssigneeUser = string.IsNullOrWhiteSpace(assignee) ? null : assignee,
            AssigneeRole = string.IsNullOrWhiteSpace(role) ? null : role,
            Outcomes = [.. OutcomesOf(context.Activity)],
            Form = form,
            DueAt = dueIn is { } d ? context.Now + d : null,
        });
        context.JournalData("taskId", task.Id.ToString());
        // A deadline routes the flow only when the designer connected the 'overdue' port.
        if (task.DueAt is { } due && context.Definition.Targets(context.Activity.Id, Overdue).Count > 0)
            context.CreateTimer(due, OverduePrefix + task.Id);
        return ValueTask.FromResult(ActivityResult.Wait);
    }

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context, ResumeStimulus stimulus)
    {
        if (stimulus.Bookmark.Kind == BookmarkKind.Timer && stimulus.Bookmark.Key.StartsWith(OverduePrefix, StringComparison.Ordinal))
        {
            // The due time passed first: the task is withdrawn and the flow goes on along 'overdue'.
            var taskKey = stimulus.Bookmark.Key[OverduePrefix.Length..];
            context.RemoveWaits(b => b.Kind == BookmarkKind.Task && b.Key == taskKey, cancel: true);
            context.JournalData("overdueTask", taskKey);
            return ValueTask.FromResult(ActivityResult.Done(Overdue));
        }
        context.RemoveWaits(b => b.Kind == BookmarkKind.Timer && b.Key == OverduePrefix + stimulus.Bookmark.Key, cancel: false);
        if (stimulus.Outcome == Withdrawn)
        {
            context.JournalData("withdrawnBy", stimulus.User);
            return ValueTask.FromResult(ActivityResult.Done(Withdrawn));
        }
        if (context.GetString("resultVariable") is { Length: > 0 } variable)
            context.SetVariable(variable, stimulus.Payload);
        context.JournalData("by", stimulus.User);
        return ValueTask.FromResult(ActivityResult.Done(stimulus.Outcome!));
    }
}
