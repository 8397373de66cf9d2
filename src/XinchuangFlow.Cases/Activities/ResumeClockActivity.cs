using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Cases.Activities;

/// <summary>
/// Resumes a paused clock. A rule-derived target is recomputed from the rules in force now, so a policy change
/// applies to the time left, while consumed and paused time are kept (SLA-3). What the wait brought (the vendor's
/// answer, the user's information) is kept as an <c>answer</c> line in the case's timeline, in the words it was typed.
/// </summary>
[Activity("xf.sla.ResumeClock", SlaCategory.Name, "恢复时钟", "Resume clock",
    DescriptionZh = "恢复已暂停的时钟；按当前规则重算时限，已用时间和暂停时间保留。",
    DescriptionEn = "Resumes a paused clock; the target follows the rules in force now, used and paused time are kept.")]
public sealed class ResumeClockActivity(CaseSession cases) : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [SlaCategory.ClockInput, new InputDescriptor("answer", InputKind.Text, "收到的答复（记入时间线）", "The answer received (kept in the timeline)")],
        ["done"]);

    /// <summary>The kind of the history line that keeps the answer.</summary>
    public const string AnswerEvent = "answer";

    public IEnumerable<string> Validate(Engine.Definitions.ActivityModel model) => SlaCategory.ValidateClock(model);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var kind = SlaCategory.Clock(context);
        var ticket = await cases.TicketAsync(context);
        var (rules, set) = await cases.SlaAsync(ticket);
        if (context.GetString("answer") is { } answer && TextRules.HasVisibleText(answer))
            context.Record(ticket, AnswerEvent, answer.Trim(), new JsonObject { ["clock"] = TicketClocks.Name(kind) });
        var clock = ticket.Clocks()[kind];
        if (clock.State != ClockState.Paused) return ActivityResult.Done("done");
        clock.Resume(context.Now);
        if (!clock.TargetFixed)
        {
            var (target, reason) = await SlaCategory.RuleTargetAsync(cases, ticket, kind, context);
            if (target != clock.Target) clock.ChangeTarget(target, reason.With(TargetReason.PolicyChanged).Encode());
        }
        CaseSession.ClockEvent(context, ticket, clock, "resume", rules.WorkingCalendar);
        SlaCategory.ReportMissingDeadline(context, ticket, clock, rules, set);
        context.RaiseLocalSignal(SlaCategory.Signal(kind));
        return ActivityResult.Done("done");
    }
}
