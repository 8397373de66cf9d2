using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Cases.Activities;

/// <summary>Starts an SLA clock of the ticket (SLA-1/2); the target comes from the rules unless the definition gives one.</summary>
[Activity("xf.sla.StartClock", SlaCategory.Name, "启动时钟", "Start clock",
    DescriptionZh = "启动工单的响应/到场/解决时钟；时限取自规则（到场：同市 4 小时、外市 12 小时），也可在此指定。",
    DescriptionEn = "Starts the ticket's response, on-site or resolution clock; the target comes from the rules (on-site: 4 h same city, 12 h otherwise) unless given here.")]
public sealed class StartClockActivity(CaseSession cases) : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [SlaCategory.ClockInput, new InputDescriptor("target", InputKind.Duration, "时限（覆盖规则）", "Target (overrides rules)")],
        ["done"]);

    public IEnumerable<string> Validate(Engine.Definitions.ActivityModel model) => SlaCategory.ValidateClock(model);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var kind = SlaCategory.Clock(context);
        var ticket = await cases.TicketAsync(context);
        var (rules, set) = await cases.SlaAsync(ticket);
        var clocks = ticket.Clocks();
        var explicitTarget = context.GetDuration("target");
        var (target, reason) = explicitTarget is { } t ? (t, new TargetReason { Basis = TargetReason.Definition }) : await SlaCategory.RuleTargetAsync(cases, ticket, kind, context);
        if (clocks[kind].State == ClockState.Stopped)
            clocks.Replace(kind); // a new visit after a reopen gets a fresh clock; the old figures stay in the history
        if (clocks[kind].State != ClockState.NotStarted)
        {
            context.JournalData("note", "already running");
            return ActivityResult.Done("done");
        }
        clocks[kind].Start(context.Now, target, reason.Encode(), fixedTarget: explicitTarget is not null);
        CaseSession.ClockEvent(context, ticket, clocks[kind], "start", rules.WorkingCalendar);
        SlaCategory.ReportMissingDeadline(context, ticket, clocks[kind], rules, set);
        context.RaiseLocalSignal(SlaCategory.Signal(kind));
        return ActivityResult.Done("done");
    }
}
