using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Cases.Activities;

/// <summary>Sets the ticket's status with a history line.</summary>
[Activity("xf.ticket.SetStatus", DomainCategories.Ticket, "设置工单状态", "Set ticket status",
    DescriptionZh = "把工单置为指定状态并记入历史。", DescriptionEn = "Sets the ticket's status and records it in the history.")]
public sealed class SetTicketStatusActivity(CaseSession cases) : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [
            new InputDescriptor("status", InputKind.String, "状态", "Status", Required: true, ExpressionAllowed: false,
                HintZh: string.Join(" / ", TicketStatus.All.Select(st => $"{st.Code} {st.NameZh}"))),
            new InputDescriptor("note", InputKind.Text, "说明", "Note"),
        ],
        ["done"]);

    public IEnumerable<string> Validate(Engine.Definitions.ActivityModel model)
    {
        if (model.Inputs.GetValueOrDefault("status") is JsonValue v && v.TryGetValue<string>(out var s) && !TicketStatus.IsKnown(s))
            yield return $"input 'status': '{s}' is not a ticket status";
    }

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var ticket = await cases.TicketAsync(context);
        CaseSession.SetStatus(context, ticket, TicketStatus.Parse(context.GetString("status")!, null), context.GetString("note"));
        return ActivityResult.Done("done");
    }
}
