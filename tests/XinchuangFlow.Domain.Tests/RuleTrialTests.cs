using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Sla;

namespace XinchuangFlow.Domain.Tests;

/// <summary>"Try it": what rules do to a sample ticket, worked out by hand.</summary>
public sealed class RuleTrialTests
{
    private const string Sla = """
    { "response": { "P1": "PT30M", "P2": "PT1H", "P3": "PT2H", "P4": "PT4H" },
      "resolution": { "P1": "PT8H", "P2": "PT24H", "P3": "PT48H", "P4": "PT72H" },
      "onSite": { "sameCity": "PT3H", "otherCity": "PT12H" },
      "calendar": "office",
      "calendars": { "office": { "windows": ["08:30-12:00", "14:30-17:30"], "workingDays": [1,2,3,4,5], "holidays": ["2026-12-02"] } } }
    """;
    private const string Escalation = """{ "levels": [ { "percent": 50, "roles": ["Dispatcher"] }, { "percent": 100, "roles": ["MunicipalCoordinator"] } ] }""";

    [Fact]
    public void TargetsDeadlinesAndEscalations_FollowTheRulesAndTheWorkingCalendar()
    {
        var d = GuangxiDivisions.Shipped;
        var qingxiu = d.Counties.Single(c => c.Name == "青秀区").Code;
        // Tuesday 2026-12-01 16:30 Beijing time: one working hour left that day; Wednesday is a holiday.
        var raised = new DateTimeOffset(2026, 12, 1, 16, 30, 0, TimeSpan.FromHours(8));
        var clocks = RuleTrial.Run(SlaRules.Parse(Sla), EscalationRules.Parse(Escalation), new TrialTicket(qingxiu, Grade.P3, raised), d, "4501");

        var response = clocks.Single(c => c.Clock == "response");
        Assert.Equal(TimeSpan.FromHours(2), response.Target);
        // 16:30–17:30 Tuesday (1 h), Wednesday closed, Thursday 08:30 + 1 h = 09:30.
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 9, 30, 0, TimeSpan.FromHours(8)), response.Deadline);
        Assert.Equal(50, response.Escalations[0].Percent);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 17, 30, 0, TimeSpan.FromHours(8)), response.Escalations[0].At);   // 1 h of 2 h
        Assert.Equal(["MunicipalCoordinator"], response.Escalations[1].Roles);
        Assert.Equal(response.Deadline, response.Escalations[1].At);

        var onSite = clocks.Single(c => c.Clock == "onsite");
        Assert.Equal(TimeSpan.FromHours(3), onSite.Target);                 // same city: the city's 3 h
        Assert.Equal(("4501", TargetReason.FromCity), (onSite.Reason.Scope, onSite.Reason.From));

        var elsewhere = RuleTrial.Run(SlaRules.Parse(Sla), EscalationRules.Parse(Escalation),
            new TrialTicket(qingxiu, Grade.P3, raised, d.CountiesOf("4502")[0].Code), d, "4501");
        Assert.Equal(TimeSpan.FromHours(12), elsewhere.Single(c => c.Clock == "onsite").Target);
    }
}
