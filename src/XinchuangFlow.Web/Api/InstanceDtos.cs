using System.Text.Json.Nodes;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Web.Api;

// Workflow instances: starting, migrating and what an instance shows.

public sealed record StartInstanceRequest(string DefinitionId, JsonObject? Input, int? Version, string? CorrelationId);

public sealed record MigrateRequest(int ToVersion);

public sealed record InstanceCreated(Guid Id, string Status, string DefinitionId, int DefinitionVersion);

public sealed record InstanceDto(Guid Id, string DefinitionId, int DefinitionVersion, string Status, string? CorrelationId,
    JsonObject Variables, IReadOnlyList<BookmarkDto> Waits, IReadOnlyList<TaskDto> Tasks, IReadOnlyList<IncidentDto> Incidents,
    IReadOnlyList<JournalDto> Journal, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt);

public sealed record BookmarkDto(Guid Id, string ActivityId, string Kind, string Key);

public sealed record IncidentDto(Guid Id, string ActivityId, string ActivityType, string Message, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt, string? Resolution);

public sealed record JournalDto(long Sequence, string Kind, string? ActivityId, string? ActivityType, string? Outcome, string? User,
    JsonObject? Data, DateTimeOffset StartedAt, DateTimeOffset EndedAt);
