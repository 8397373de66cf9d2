using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Cases.Activities;

/// <summary>Closes the ticket: every clock still running stops.</summary>
[Activity("xf.ticket.Close", DomainCategories.Ticket, "关闭工单", "Close",
    DescriptionZh = "关闭工单，停止仍在运行的时钟。", DescriptionEn = "Closes the ticket and stops any clock still running.")]
public sealed class CloseActivity(CaseSession cases) : IActivity
{
    public ActivitySpec Spec { get; } = new([new InputDescriptor("note", InputKind.Text, "说明", "Note")], ["done"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var ticket = await cases.TicketAsync(context);
        foreach (var kind in new[] { ClockKind.Response, ClockKind.OnSite, ClockKind.Resolution })
            await StopClockActivity.StopAsync(context, cases, ticket, kind);
        ticket.ClosedAt = context.Now;
        CaseSession.SetStatus(context, ticket, TicketStatus.Closed, context.GetString("note") ?? "工单关闭", new JsonObject { ["note"] = context.GetString("note") }, kind: "closed", bySystem: true);
        return ActivityResult.Done("done");
    }
}
