using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Access;

/// <summary>Filter for instance lists (the monitor).</summary>
public sealed record InstanceFilter(string? DefinitionId = null, int? Version = null, WorkflowStatus? Status = null, bool? HasIncidents = null,
    DateTimeOffset? StartedFrom = null, DateTimeOffset? StartedTo = null, string? Search = null);
