using XinchuangFlow.Domain.Time;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Sla;

namespace XinchuangFlow.Domain.Rules;

/// <summary>
/// "Try it" (RUL-2): what rules would do to a sample ticket, before they are saved — a pure function of the rules and
/// the ticket. Every clock is taken to start when the ticket is raised (the on-site clock as if accepted at once), on
/// the rules' working calendar. A calendar that cannot give a deadline is an <see cref="InvalidDataException"/> that says so.
/// </summary>
public static class RuleTrial
{
    public static IReadOnlyList<TrialClock> Run(SlaRules sla, EscalationRules escalation, TrialTicket ticket, GuangxiDivisions divisions, string scope)
    {
        var city = divisions.CityOf(ticket.CountyCode) ?? throw new ArgumentException($"Unknown division code {ticket.CountyCode}.");
        var calendar = sla.WorkingCalendar;
        var clocks = new List<(string Name, TimeSpan Target, TargetReason Reason)>
        {
            ("response", sla.ResponseTarget(ticket.Grade), new TargetReason { Basis = TargetReason.Response, Grade = ticket.Grade.Code, Scope = scope }),
        };
        var (onSite, why) = sla.OnSiteTarget(ticket.CountyCode, ticket.ServicePointCounty ?? ticket.CountyCode, ticket.Grade, divisions, scope);
        clocks.Add(("onsite", onSite, why));
        clocks.Add(("resolution", sla.ResolutionTarget(ticket.Grade), new TargetReason { Basis = TargetReason.Resolution, Grade = ticket.Grade.Code, Scope = scope }));
        // A calendar without open time gives no deadline: said as a problem of the rules, never as a failure.
        DateTimeOffset At(TimeSpan running, string what) => calendar.TryAdd(ticket.CreatedAt, running)
            ?? throw new InvalidDataException($"The working calendar '{calendar.Id}' has no open time for {what} of a {ticket.Grade} ticket raised {ticket.CreatedAt.ToChina():yyyy-MM-dd HH:mm}: no deadline can be computed.");
        return clocks.Select(c => new TrialClock(c.Name, c.Target, c.Reason, At(c.Target, $"the {c.Name} clock"),
            escalation.Levels.OrderBy(l => l.Percent)
                .Select(l => new TrialEscalation(l.Percent, At(TimeSpan.FromTicks((long)(c.Target.Ticks * (l.Percent / 100.0))), $"the {l.Percent}% escalation of the {c.Name} clock"), l.Roles, l.LabelZh))
                .ToList())).ToList();
    }
}
