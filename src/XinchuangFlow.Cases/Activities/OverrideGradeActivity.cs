using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Cases.Activities;

/// <summary>An agent changes the automatic grade with a reason (DSP-1); running clocks follow the new grade.</summary>
[Activity("xf.ticket.OverrideGrade", DomainCategories.Ticket, "人工调整等级", "Override grade",
    DescriptionZh = "人工调整等级，必须填写原因；运行中的响应、解决时钟按新等级重算时限。",
    DescriptionEn = "Changes the grade with a required reason; running response and resolution clocks take the new grade's targets.")]
public sealed class OverrideGradeActivity(CaseSession cases) : IActivity
{
    public ActivitySpec Spec { get; } = new(
        [
            new InputDescriptor("grade", InputKind.String, "新等级", "New grade", Required: true),
            new InputDescriptor("reason", InputKind.Text, "调整原因", "Reason", Required: true),
        ],
        ["done", "unchanged"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var text = context.GetString("grade");
        var reason = context.GetString("reason")?.Trim();
        if (string.IsNullOrWhiteSpace(text)) return ActivityResult.Done("unchanged");
        if (!Grade.TryParse(text, out var grade)) throw new ActivityInputException(context.Activity.Id, "grade", $"'{text.Trim()}' is not P1–P4");
        if (string.IsNullOrEmpty(reason)) throw new ActivityInputException(context.Activity.Id, "reason", "a grade override needs a reason");
        var ticket = await cases.TicketAsync(context);
        if (ticket.Grade == grade) return ActivityResult.Done("unchanged");
        var (rules, set) = await cases.SlaAsync(ticket);
        var (from, retargeted) = ticket.OverrideGrade(grade, reason, context.User, context.Now, rules, set.Scope, set.Version);
        foreach (var kind in retargeted) context.RaiseLocalSignal(SlaCategory.Signal(kind));
        CaseSession.GradeOverrideEvent(context, ticket, from, grade, reason);
        return ActivityResult.Done("done");
    }
}
