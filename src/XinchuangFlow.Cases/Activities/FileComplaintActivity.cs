using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Cases.Activities;

/// <summary>Files a complaint (FLOW-2), linked to its ticket when there is one.</summary>
[Activity("xf.complaint.File", DomainCategories.Ticket, "登记投诉", "File complaint",
    DescriptionZh = "登记采购单位的投诉（可关联工单），与流程同一事务写入。",
    DescriptionEn = "Records a procurement unit's complaint (optionally on a ticket) in the flow's transaction.")]
public sealed class FileComplaintActivity : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [new InputDescriptor("complaint", InputKind.Json, "投诉内容", "Complaint", Required: true, HintZh: "通常为 vars.complaint")],
        ["done"]);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var c = CaseSession.Read<Complaint>(context, "complaint") ?? throw new ActivityInputException(context.Activity.Id, "complaint", "the complaint is empty");
        if (string.IsNullOrWhiteSpace(c.Number)) throw new ActivityInputException(context.Activity.Id, "complaint", "the complaint number is missing");
        c.Description ??= "";
        if (!TextRules.HasVisibleText(c.Description)) throw new ActivityInputException(context.Activity.Id, "complaint", "the complaint has no description");
        c.Id = Guid.CreateVersion7();
        c.InstanceId = context.Instance.Id;
        c.Version = 0;
        c.Status = ComplaintStatus.Filed;
        c.CreatedAt = c.UpdatedAt = context.Now;
        c.CreatedBy ??= context.User;
        context.Insert(c);
        context.Record(c.Id, CaseKinds.Complaint, "filed", null, ComplaintStatus.Filed, c.Description);
        if (c.TicketId is { } ticketId)
            context.Record(ticketId, CaseKinds.Ticket, "complaint", null, null, $"用户投诉 {c.Number}：{c.Description}", new JsonObject { ["complaint"] = c.Number, ["description"] = c.Description });
        context.JournalData("complaint", c.Number);
        return ValueTask.FromResult(ActivityResult.Done("done"));
    }
}
