using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Cases.Activities;

/// <summary>Moves a complaint to its next step, recording the text of the step and its deadline.</summary>
[Activity("xf.complaint.Step", DomainCategories.Ticket, "投诉环节", "Complaint step",
    DescriptionZh = "把投诉推进到下一环节（企业处理、市级审核、用户确认、办结），记录处理意见和本环节时限。",
    DescriptionEn = "Moves the complaint to a step (handling, reviewing, confirming, closed), recording the text and the step's deadline.")]
public sealed class ComplaintStepActivity(CaseSession cases) : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [
            new InputDescriptor("status", InputKind.String, "环节", "Step", Required: true, ExpressionAllowed: false,
                HintZh: string.Join(" / ", ComplaintStatus.NamesZh.Select(kv => $"{kv.Key} {kv.Value}"))),
            new InputDescriptor("field", InputKind.String, "记录到", "Record into", ExpressionAllowed: false, HintZh: "enterpriseResponse / coordinatorOpinion / userConfirmation"),
            new InputDescriptor("text", InputKind.Text, "内容", "Text"),
            new InputDescriptor("dueIn", InputKind.Duration, "本环节时限", "Step deadline"),
        ],
        ["done"]);

    public IEnumerable<string> Validate(Engine.Definitions.ActivityModel model)
    {
        if (model.Inputs.GetValueOrDefault("status") is JsonValue v && v.TryGetValue<string>(out var s) && !ComplaintStatus.IsKnown(s))
            yield return $"input 'status': '{s}' is not a complaint status";
        if (model.Inputs.GetValueOrDefault("field") is JsonValue f && f.TryGetValue<string>(out var field) && field is not ("enterpriseResponse" or "coordinatorOpinion" or "userConfirmation"))
            yield return $"input 'field': '{field}' is not enterpriseResponse, coordinatorOpinion or userConfirmation";
    }

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var complaint = await cases.ComplaintAsync(context);
        var status = context.GetString("status")!;
        var text = context.GetString("text") ?? "";
        switch (context.GetString("field"))
        {
            case "enterpriseResponse": complaint.EnterpriseResponse = text; break;
            case "coordinatorOpinion": complaint.CoordinatorOpinion = text; break;
            case "userConfirmation": complaint.UserConfirmation = text; break;
        }
        if (status == ComplaintStatus.Handling && complaint.Status is ComplaintStatus.Reviewing or ComplaintStatus.Confirming) complaint.Rounds++;
        var due = context.GetDuration("dueIn");
        complaint.StepDueAt = due is { } d ? context.Now + d : null;
        if (status == ComplaintStatus.Closed) complaint.ClosedAt = context.Now;
        CaseSession.SetStatus(context, complaint, status, text.Length > 0 ? text : null);
        return ActivityResult.Done("done");
    }
}
