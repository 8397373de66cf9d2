using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Cases.Activities;

/// <summary>
/// Chooses whether the hotline desk calls the unit back about its ticket (回访, ASM-6): a ticket the unit never rated,
/// one with a complaint, a reopened one, a low rating, and a sample of the rest (<see cref="FollowUp"/>); a ticket
/// called back already is not called again. The share sampled and the low line are inputs a coordinator edits in the
/// designer.
/// </summary>
[Activity("xf.ticket.SelectFollowUp", DomainCategories.Ticket, "选择回访", "Select a follow-up call",
    DescriptionZh = "未评价、有投诉、曾重开、评分偏低的工单全部回访，其余按比例抽样；已回访的不再回访。",
    DescriptionEn = "Calls back every unrated, complained-about, reopened or low-rated ticket and a sample of the rest; never twice.")]
public sealed class SelectFollowUpActivity(CaseSession cases, ITicketRepository tickets) : IActivity
{
    public const string Call = "call", Skip = "skip";

    public ActivitySpec Spec { get; } = new(
        [
            new InputDescriptor("samplePercent", InputKind.Number, "其余工单抽样比例（%）", "Share of the rest sampled (%)", Default: JsonValue.Create(10)),
            new InputDescriptor("lowRating", InputKind.Number, "评分不高于此值即回访", "Call back ratings at or below", Default: JsonValue.Create(3)),
        ],
        [Call, Skip]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var ticket = await cases.TicketAsync(context);
        if (ticket.FollowUpReason is not null) return ActivityResult.Done(Skip);
        var share = Math.Clamp(context.GetNumber("samplePercent") ?? 10, 0, 100);
        var low = (int)Math.Clamp(context.GetNumber("lowRating") ?? 3, 0, 5);
        var reason = FollowUp.ReasonFor(ticket, await tickets.ComplaintCountAsync(ticket.Id, context.Cancellation), share, low);
        if (reason is null) return ActivityResult.Done(Skip);
        ticket.FollowUpReason = reason;
        ticket.UpdatedAt = context.Now;
        context.Record(ticket, "followup-selected", null, new JsonObject { ["reason"] = reason }, bySystem: true);
        return ActivityResult.Done(Call);
    }
}

/// <summary>
/// Records the hotline desk's call back (ASM-6): reached or not, whether the unit confirms the problem is solved, the
/// satisfaction it gives on the phone and a note. A unit that never rated and rates on the phone gets its rating counted
/// as the ticket's (port <c>rated</c>, with the rating in <c>feedback</c> for the rating step); one still unrated goes on
/// to be closed (<c>unrated</c>); a ticket already closed is done (<c>done</c>) — or, when the unit was reached and says
/// the problem is not solved and the designer connected <c>unresolved</c>, goes back to work along it.
/// </summary>
[Activity("xf.ticket.RecordFollowUp", DomainCategories.Ticket, "记录回访", "Record the follow-up call",
    DescriptionZh = "记录是否接通、用户是否确认解决、电话满意度和说明；未评价的用户在电话中的评分计为工单评价。",
    DescriptionEn = "Records whether the unit was reached, confirms the fix, its satisfaction on the phone and a note; a phone rating counts for an unrated ticket.")]
public sealed class RecordFollowUpActivity(CaseSession cases) : IActivity
{
    public const string Rated = "rated", Unrated = "unrated", Finished = "done", Unresolved = "unresolved";

    public ActivitySpec Spec { get; } = new(
        [
            new InputDescriptor("reached", InputKind.Boolean, "已接通", "Reached"),
            new InputDescriptor("confirmed", InputKind.Boolean, "用户确认已解决", "Unit confirms the fix"),
            new InputDescriptor("satisfaction", InputKind.Number, "电话满意度（1–5）", "Satisfaction on the phone (1–5)"),
            new InputDescriptor("note", InputKind.Text, "回访说明", "Note"),
        ],
        [Rated, Unrated, Finished, Unresolved]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var ticket = await cases.TicketAsync(context);
        var reached = context.GetBool("reached");
        int? satisfaction = context.GetInput("satisfaction") switch
        {
            JsonValue v when v.TryGetValue<double>(out var d) && d is >= 1 and <= 5 => (int)Math.Round(d),
            JsonValue v when v.TryGetValue<string>(out var s) && int.TryParse(s, out var n) && n is >= 1 and <= 5 => n,
            _ => null,
        };
        if (!reached) satisfaction = null;
        var note = context.GetString("note") is { Length: > 0 } text ? text.Length > 2000 ? text[..2000] : text : null;
        ticket.FollowUpReason ??= FollowUp.Unrated;
        ticket.FollowUpAt = context.Now;
        ticket.FollowUpReached = reached;
        ticket.FollowUpConfirmed = reached ? context.GetBool("confirmed") : null;
        ticket.FollowUpSatisfaction = satisfaction;
        ticket.FollowUpNote = note;
        ticket.UpdatedAt = context.Now;
        context.Record(ticket, "followup", note, new JsonObject
        {
            ["reached"] = reached, ["confirmed"] = ticket.FollowUpConfirmed, ["satisfaction"] = satisfaction, ["reason"] = ticket.FollowUpReason,
        });
        if (ticket.Status.IsFinal)
            return reached && ticket.FollowUpConfirmed == false && ticket.Status == TicketStatus.Closed && context.Definition.Targets(context.Activity.Id, Unresolved).Count > 0
                ? ActivityResult.Done(Unresolved) : ActivityResult.Done(Finished);
        if (ticket.Satisfaction is null && satisfaction is { } rating)
        {
            context.SetVariable("feedback", new JsonObject { ["satisfaction"] = rating, ["comment"] = note ?? "" });
            return ActivityResult.Done(Rated);
        }
        return ActivityResult.Done(Unrated);
    }
}
