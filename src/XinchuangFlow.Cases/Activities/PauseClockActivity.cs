using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Cases.Activities;

/// <summary>Pauses a clock (waiting on the user or the vendor, SLA-3).</summary>
[Activity("xf.sla.PauseClock", SlaCategory.Name, "暂停时钟", "Pause clock",
    DescriptionZh = "暂停时钟（等待用户、等待厂商）；暂停时间单独记录，不计入时限。",
    DescriptionEn = "Pauses a clock (waiting on the user or vendor); paused time is recorded and not counted.")]
public sealed class PauseClockActivity(CaseSession cases) : IActivity
{
    public ActivitySpec Spec { get; } = new([SlaCategory.ClockInput, new InputDescriptor("reason", InputKind.String, "暂停原因", "Reason")], ["done"]);

    public IEnumerable<string> Validate(Engine.Definitions.ActivityModel model) => SlaCategory.ValidateClock(model);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var kind = SlaCategory.Clock(context);
        var ticket = await cases.TicketAsync(context);
        var (rules, _) = await cases.SlaAsync(ticket);
        var clock = ticket.Clocks()[kind];
        if (clock.State != ClockState.Running) return ActivityResult.Done("done");
        clock.Pause(context.Now, rules.WorkingCalendar);
        CaseSession.ClockEvent(context, ticket, clock, "pause", rules.WorkingCalendar, context.GetString("reason"));
        context.RaiseLocalSignal(SlaCategory.Signal(kind));
        return ActivityResult.Done("done");
    }
}
