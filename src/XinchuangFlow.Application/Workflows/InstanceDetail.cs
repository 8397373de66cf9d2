using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Workflows;

/// <summary>An instance with everything an operator looks at.</summary>
public sealed record InstanceDetail(WorkflowInstance Instance, IReadOnlyList<HumanTask> Tasks, IReadOnlyList<Incident> Incidents, IReadOnlyList<JournalEntry> Journal,
    Engine.Definitions.WorkflowDefinitionModel Definition);
