using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Knowledge;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Cases.Activities;

/// <summary>The requester was not satisfied: the ticket is reopened; the resolution clock runs on (not first-time fix).</summary>
[Activity("xf.ticket.Reopen", DomainCategories.Ticket, "重开工单", "Reopen",
    DescriptionZh = "重开工单：不再计为一次解决，解决时钟从停止处继续（中间时间计为暂停）。",
    DescriptionEn = "Reopens the ticket: no longer a first-time fix; the resolution clock continues where it stopped.")]
public sealed class ReopenActivity(CaseSession cases) : IActivity
{
    public ActivitySpec Spec { get; } = new([new InputDescriptor("reason", InputKind.Text, "原因", "Reason")], ["done"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var ticket = await cases.TicketAsync(context);
        var (rules, set) = await cases.SlaAsync(ticket);
        ticket.FirstTimeFix = false;
        ticket.ReopenCount++;
        ticket.ClosedAt = null;
        // No longer a resolved ticket to learn from, until it is resolved again.
        context.StageInsert(new KnowledgeChange { ArticleId = ticket.Id, Subject = KnowledgeChange.Ticket, At = context.Now });
        CaseSession.SetStatus(context, ticket, TicketStatus.Reopened, context.GetString("reason") ?? "用户不满意，工单重开", new JsonObject { ["note"] = context.GetString("reason") }, kind: "reopened", bySystem: true);
        var clock = ticket.Clocks().Resolution;
        if (clock.State == ClockState.Stopped)
        {
            clock.Reopen(context.Now);
            CaseSession.ClockEvent(context, ticket, clock, "reopen", rules.WorkingCalendar);
            SlaCategory.ReportMissingDeadline(context, ticket, clock, rules, set);
            context.RaiseLocalSignal(SlaCategory.Signal(ClockKind.Resolution));
        }
        return ActivityResult.Done("done");
    }
}
