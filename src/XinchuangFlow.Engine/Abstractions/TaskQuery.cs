using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Engine.Abstractions;

/// <summary>Filter for task queries.</summary>
public sealed record TaskQuery(
    string? AssigneeUser = null,
    IReadOnlyCollection<string>? Roles = null,
    Guid? InstanceId = null,
    HumanTaskStatus? Status = null,
    string? TaskKind = null,
    int Skip = 0,
    int Take = 100);
