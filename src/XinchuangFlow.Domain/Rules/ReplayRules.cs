using XinchuangFlow.Domain.Grading;

namespace XinchuangFlow.Domain.Rules;

/// <summary>The rules one side of the comparison uses for one city.</summary>
public sealed record ReplayRules(SlaRules Sla, EscalationRules Escalation, GradingTable Grading);
