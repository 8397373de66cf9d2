using System.Text.Json.Nodes;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Web.Api;

/// <summary>A definition version; <see cref="ContentHash"/> is what a later draft save names as its base (conflict detection).</summary>
public sealed record DefinitionSummary(Guid Id, string DefinitionId, int Version, string Status, string Name,
    DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt, DateTimeOffset? RetiredAt, string? Source, string ContentHash, string? CreatedBy)
{
    public static DefinitionSummary From(DefinitionRecord r) =>
        new(r.Id, r.DefinitionId, r.Version, r.Status.ToString(), r.Name, r.CreatedAt, r.PublishedAt, r.RetiredAt, r.Source, r.ContentHash, r.CreatedBy);
}

public sealed record StartInstanceRequest(string DefinitionId, JsonObject? Input, int? Version, string? CorrelationId);

/// <summary>Completes a task: <c>outcome</c> is the outcome's key (see the task's <c>outcomes</c>).</summary>
public sealed record CompleteTaskRequest(string? Outcome, JsonObject? Data);

public sealed record WithdrawTaskRequest(string? Reason);
public sealed record ReassignTaskRequest(string? ToUser, string? Reason);

public sealed record MigrateRequest(int ToVersion);

/// <summary>A task outcome: complete the task with <see cref="Key"/>; show <see cref="Name"/>.</summary>
public sealed record OutcomeDto(string Key, string Name, string? NameEn)
{
    public static OutcomeDto From(TaskOutcome o) => new(o.Key, o.Name, o.NameEn);
}

public sealed record TaskDto(Guid Id, Guid InstanceId, string ActivityId, string DefinitionId, string Title, string? Description,
    string? AssigneeUser, string? AssigneeRole, string Status, IReadOnlyList<OutcomeDto> Outcomes, IReadOnlyList<FormField> Form,
    string? Outcome, JsonObject? Data, string? CompletedBy, DateTimeOffset CreatedAt, DateTimeOffset? DueAt, DateTimeOffset? CompletedAt)
{
    public static TaskDto From(HumanTask t) => new(t.Id, t.InstanceId, t.ActivityId, t.DefinitionId, t.Title, t.Description,
        t.AssigneeUser, t.AssigneeRole, t.Status.ToString(), t.Outcomes.Select(OutcomeDto.From).ToList(), t.Form, t.Outcome, t.Data, t.CompletedBy, t.CreatedAt, t.DueAt, t.CompletedAt);
}

public sealed record InstanceDto(Guid Id, string DefinitionId, int DefinitionVersion, string Status, string? CorrelationId,
    JsonObject Variables, IReadOnlyList<BookmarkDto> Waits, IReadOnlyList<TaskDto> Tasks, IReadOnlyList<IncidentDto> Incidents,
    IReadOnlyList<JournalDto> Journal, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt);

public sealed record BookmarkDto(Guid Id, string ActivityId, string Kind, string Key);

public sealed record IncidentDto(Guid Id, string ActivityId, string ActivityType, string Message, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt, string? Resolution);

public sealed record JournalDto(long Sequence, string Kind, string? ActivityId, string? ActivityType, string? Outcome, string? User,
    JsonObject? Data, DateTimeOffset StartedAt, DateTimeOffset EndedAt);

public sealed record InstanceCreated(Guid Id, string Status, string DefinitionId, int DefinitionVersion);

/// <summary>The designer's save: the whole definition, the version it was opened from, and a comment for the audit log.</summary>
public sealed record SaveDraftRequest(JsonObject? Definition, int? BaseVersion, string? BaseHash, string? Comment);

public sealed record RollBackRequest(int ToVersion, string? Comment);
