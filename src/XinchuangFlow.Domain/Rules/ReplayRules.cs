using XinchuangFlow.Domain.Time;
using XinchuangFlow.Domain.Grading;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Domain.Rules;

/// <summary>The rules one side of the comparison uses for one city.</summary>
public sealed record ReplayRules(SlaRules Sla, EscalationRules Escalation, GradingTable Grading);
