using XinchuangFlow.Domain.Grading;

namespace XinchuangFlow.Domain.Rules;

/// <summary>The rules one side of the comparison uses for one city.</summary>
public sealed record ReplayRules(SlaRules Sla, EscalationRules Escalation, GradingTable Grading)
{
    /// <summary>The rules from their effective documents (a city's overrides already merged onto the regional set).</summary>
    public static ReplayRules Of(string slaJson, string escalationJson, string gradingJson) =>
        new(SlaRules.Parse(slaJson), EscalationRules.Parse(escalationJson), GradingTable.Parse(gradingJson));
}
