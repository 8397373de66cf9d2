using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Cases.Activities;

/// <summary>Stops a clock and records whether it breached (SLA-4).</summary>
[Activity("xf.sla.StopClock", SlaCategory.Name, "停止时钟", "Stop clock",
    DescriptionZh = "停止时钟并记录实际用时、暂停时间和是否超时；停止后不再升级。",
    DescriptionEn = "Stops a clock, recording actual time, paused time and breach; no escalation after it stops.")]
public sealed class StopClockActivity(CaseSession cases) : IActivity
{
    public ActivitySpec Spec { get; } = new([SlaCategory.ClockInput], ["done"]);

    public IEnumerable<string> Validate(Engine.Definitions.ActivityModel model) => SlaCategory.ValidateClock(model);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var ticket = await cases.TicketAsync(context);
        await StopAsync(context, cases, ticket, SlaCategory.Clock(context));
        return ActivityResult.Done("done");
    }

    internal static async Task StopAsync(ActivityContext context, CaseSession cases, Ticket ticket, ClockKind kind)
    {
        var (rules, _) = await cases.SlaAsync(ticket);
        var clock = ticket.Clocks()[kind];
        if (clock.State is ClockState.NotStarted or ClockState.Stopped) return;
        clock.Stop(context.Now, rules.WorkingCalendar);
        CaseSession.ClockEvent(context, ticket, clock, "stop", rules.WorkingCalendar);
        context.RaiseLocalSignal(SlaCategory.Signal(kind));
    }
}
