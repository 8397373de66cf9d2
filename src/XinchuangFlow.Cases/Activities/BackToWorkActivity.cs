using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Cases.Activities;

/// <summary>
/// The ticket is worked on again after a wait (the vendor answered, the user sent what was missing): its status goes
/// back to how it is handled — on site, or remotely when the technician reported remote handling.
/// </summary>
[Activity("xf.ticket.BackToWork", DomainCategories.Ticket, "恢复处理", "Back to work",
    DescriptionZh = "等待结束（厂商已答复等）后，工单回到处理中：现场处理或远程处理，取决于工程师的签到方式。",
    DescriptionEn = "After a wait (the vendor answered…), the ticket is being worked on again: on site, or remotely as the technician reported.")]
public sealed class BackToWorkActivity(CaseSession cases) : IActivity
{
    public ActivitySpec Spec { get; } = new([], ["done"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var ticket = await cases.TicketAsync(context);
        var status = ticket.RemoteHandled ? TicketStatus.Remote : TicketStatus.OnSite;
        if (ticket.Status != status)
            CaseSession.SetStatus(context, ticket, status, "恢复处理", new JsonObject { ["step"] = "backToWork" }, bySystem: true);
        return ActivityResult.Done("done");
    }
}
