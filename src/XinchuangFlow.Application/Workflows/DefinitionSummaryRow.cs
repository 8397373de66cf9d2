using XinchuangFlow.Engine.Abstractions;

namespace XinchuangFlow.Application.Workflows;

/// <summary>A definition in the list: its latest version, each version's status and live instances, the last change.</summary>
public sealed record DefinitionSummaryRow(string DefinitionId, string Name, int LatestVersion, DefinitionStatus LatestStatus, int? PublishedVersion,
    IReadOnlyList<(int Version, DefinitionStatus Status, int ActiveInstances)> Versions, string? LastEditor, DateTimeOffset LastChanged);
