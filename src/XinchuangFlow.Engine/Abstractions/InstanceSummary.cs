using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Engine.Abstractions;

/// <summary>A compact row for instance lists.</summary>
public sealed record InstanceSummary(Guid Id, string DefinitionId, int DefinitionVersion, WorkflowStatus Status,
    string? CorrelationId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt);
