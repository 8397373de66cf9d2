using System.Text.Json.Nodes;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Activities.Builtin;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Cases.Activities;

/// <summary>
/// The user's feedback task: a user task whose completion carries the standard's rule that a rating of 1 or 2 needs
/// a comment saying what went wrong. The rule holds however the task is completed (ticket API, task API, inbox),
/// because the engine asks the activity before any completion.
/// </summary>
[Activity("xf.ticket.FeedbackTask", DomainCategories.Ticket, "用户评价任务", "Feedback task",
    DescriptionZh = "请用户评价（1–5 分）；1–2 分必须填写意见。", DescriptionEn = "Asks the user for a rating (1–5); 1 or 2 needs a comment.")]
public sealed class FeedbackTaskActivity : UserTaskActivity, ITaskCompletionRules
{
    /// <summary>Ratings that need a comment.</summary>
    public const int CommentRequiredUpTo = 2;

    public IReadOnlyList<Problem> CheckCompletion(HumanTask task, string outcome, JsonObject data)
    {
        var errors = new ProblemList();
        var value = data["satisfaction"];
        int? score = value is JsonValue v ? v.TryGetValue<double>(out var d) ? (int)Math.Round(d) : v.TryGetValue<string>(out var s) && int.TryParse(s, out var p) ? p : null : null;
        if (score is null or < 1 or > 5) errors.Add(Problem.Of(FeedbackProblems.Satisfaction, "satisfaction", "Give 1 (very dissatisfied) to 5 (very satisfied)."));
        else if (score <= CommentRequiredUpTo && !Domain.Tickets.TextRules.HasVisibleText(data["comment"]?.GetValue<string>() ?? ""))
            errors.Add(Problem.Of(FeedbackProblems.CommentRequired, "comment", "Please say what went wrong (a comment is required for a rating of 1 or 2).", ("max", CommentRequiredUpTo)));
        return errors;
    }
}
