using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Cases.Activities;

/// <summary>Palette category of the SLA activities.</summary>
public static class SlaCategory
{
    public const string Name = "时限";

    /// <summary>The local signal a watcher waits on while its clock is paused or not yet started.</summary>
    public static string Signal(ClockKind kind) => "sla:" + TicketClocks.Name(kind);

    internal static readonly InputDescriptor ClockInput = new("clock", InputKind.String, "时钟", "Clock", Required: true, ExpressionAllowed: false,
        HintZh: "response 响应 / onsite 到场 / resolution 解决", HintEn: "response / onsite / resolution");

    internal static ClockKind Clock(ActivityContext context)
    {
        try { return TicketClocks.Parse(context.GetString("clock")); }
        catch (ArgumentException ex) { throw new ActivityInputException(context.Activity.Id, "clock", ex.Message, ex); }
    }

    internal static IEnumerable<string> ValidateClock(Engine.Definitions.ActivityModel model)
    {
        var value = model.Inputs.GetValueOrDefault("clock") is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (value is not null && value is not ("response" or "onsite" or "on-site" or "resolution"))
            yield return $"input 'clock': '{value}' is not response, onsite or resolution";
    }

    /// <summary>
    /// A running clock the rules' working calendar gives no deadline (rules stored before they were checked for it, or
    /// edited in the database): the clock runs on without a due time and without escalation timers, the flow goes on,
    /// and an incident names the rules and the clock so that somebody corrects them. Returns whether it raised one.
    /// </summary>
    internal static bool ReportMissingDeadline(ActivityContext context, Ticket ticket, SlaClock clock, SlaRules rules, RuleSet set)
    {
        var calendar = rules.WorkingCalendar;
        if (!clock.HasNoDeadline(calendar)) return false;
        var regional = set.BaseVersion > 0 ? $" on regional v{set.BaseVersion}" : "";
        context.RaiseIncident($"No deadline for the {TicketClocks.Name(clock.Kind)} clock of ticket {ticket.Number}: the working calendar '{calendar.Id}' of " +
            $"rules {set.Kind}/{set.Scope} v{set.Version}{regional} has no open time for its {clock.Target.TotalHours:0.##} h target within " +
            $"{WorkingCalendar.MaxDaysSearched} days. The clock runs without a due time and without escalation; correct the SLA rules of " +
            $"{set.Scope}, then recompute the open clocks.");
        context.JournalData("noDeadline", TicketClocks.Name(clock.Kind));
        return true;
    }

    /// <summary>The target the rules give a clock of this ticket, with the reason.</summary>
    internal static async Task<(TimeSpan Target, TargetReason Reason)> RuleTargetAsync(CaseSession cases, Ticket ticket, ClockKind kind, ActivityContext context)
    {
        var (rules, set) = await cases.SlaAsync(ticket);
        var grade = (ticket.Grade ?? Grade.Default).Code;
        switch (kind)
        {
            case ClockKind.Response:
                return (rules.ResponseTarget(ticket.Grade), new TargetReason { Basis = TargetReason.Response, Grade = grade }.Under(set.Scope, set.Version));
            case ClockKind.Resolution:
                return (rules.ResolutionTarget(ticket.Grade), new TargetReason { Basis = TargetReason.Resolution, Grade = grade }.Under(set.Scope, set.Version));
            default:
                if (ticket.ServicePointCounty is null)
                    throw new ActivityInputException(context.Activity.Id, "clock", "the on-site clock needs a dispatched service point; dispatch the ticket first");
                var (target, reason) = rules.OnSiteTarget(ticket.CountyCode, ticket.ServicePointCounty, ticket.Grade, cases.Divisions, set.Scope);
                return (target, reason.Under(set.Scope, set.Version));
        }
    }
}
