using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Engine.Abstractions;

/// <summary>Filter for instance queries.</summary>
public sealed record InstanceQuery(string? DefinitionId = null, WorkflowStatus? Status = null, int Skip = 0, int Take = 100);
