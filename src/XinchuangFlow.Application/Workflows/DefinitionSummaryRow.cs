using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Audit;
using XinchuangFlow.Application.Designer;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Engine.Validation;

namespace XinchuangFlow.Application.Workflows;

/// <summary>A definition in the list: its latest version, each version's status and live instances, the last change.</summary>
public sealed record DefinitionSummaryRow(string DefinitionId, string Name, int LatestVersion, DefinitionStatus LatestStatus, int? PublishedVersion,
    IReadOnlyList<(int Version, DefinitionStatus Status, int ActiveInstances)> Versions, string? LastEditor, DateTimeOffset LastChanged);
