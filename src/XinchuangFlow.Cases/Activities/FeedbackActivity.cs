using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Cases.Activities;

/// <summary>The requester's satisfaction (1–5) and comment; below the threshold the ticket goes to "unsatisfied".</summary>
[Activity("xf.ticket.Feedback", DomainCategories.Ticket, "用户评价", "Feedback",
    DescriptionZh = "记录满意度（1–5）和意见；低于阈值走 unsatisfied（可重开），否则 satisfied。",
    DescriptionEn = "Records satisfaction (1–5) and comment; below the threshold goes 'unsatisfied' (reopen), else 'satisfied'.")]
public sealed class FeedbackActivity(CaseSession cases) : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [
            new InputDescriptor("satisfaction", InputKind.Number, "满意度", "Satisfaction", Required: true),
            new InputDescriptor("comment", InputKind.Text, "意见", "Comment"),
            new InputDescriptor("threshold", InputKind.Number, "满意阈值", "Satisfied from", Default: JsonValue.Create(3)),
        ],
        ["satisfied", "unsatisfied"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var value = context.GetInput("satisfaction");
        int score;
        if (value is JsonValue jv && jv.TryGetValue<double>(out var d)) score = (int)Math.Round(d);
        else if (value is JsonValue js && js.TryGetValue<string>(out var s) && int.TryParse(s, out var parsed)) score = parsed;
        else throw new ActivityInputException(context.Activity.Id, "satisfaction", $"'{value?.ToJsonString()}' is not a number from 1 to 5");
        if (score is < 1 or > 5) throw new ActivityInputException(context.Activity.Id, "satisfaction", $"{score} is not between 1 and 5");
        var threshold = context.GetInput("threshold") is JsonValue t && t.TryGetValue<double>(out var th) ? th : 3;
        var ticket = await cases.TicketAsync(context);
        ticket.Satisfaction = score;
        ticket.FeedbackComment = context.GetString("comment") ?? "";
        ticket.UpdatedAt = context.Now;
        context.Record(ticket, "feedback", $"满意度 {score}/5{(ticket.FeedbackComment.Length > 0 ? "：" + ticket.FeedbackComment : "")}",
            new JsonObject { ["satisfaction"] = score, ["comment"] = ticket.FeedbackComment });
        return ActivityResult.Done(score >= threshold ? "satisfied" : "unsatisfied");
    }
}
