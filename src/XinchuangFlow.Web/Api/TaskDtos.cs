using System.Text.Json.Nodes;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Web.Api;

// Human tasks: what a task shows and the requests that complete, withdraw or reassign it.

/// <summary>
/// A task: <c>taskKind</c> is the part it plays (<c>ticket.feedback</c>…; list with <c>?taskKind=</c>) — what a caller
/// should look for, since an edited flow may rename its steps (<c>activityId</c>).
/// </summary>
public sealed record TaskDto(Guid Id, Guid InstanceId, string ActivityId, string? TaskKind, string DefinitionId, string Title, string? TitleEn, string? Description, string? DescriptionEn,
    string? AssigneeUser, string? AssigneeRole, string Status, IReadOnlyList<OutcomeDto> Outcomes, IReadOnlyList<FormField> Form,
    string? Outcome, JsonObject? Data, string? CompletedBy, DateTimeOffset CreatedAt, DateTimeOffset? DueAt, DateTimeOffset? CompletedAt)
{
    public static TaskDto From(HumanTask t) => new(t.Id, t.InstanceId, t.ActivityId, t.TaskKind, t.DefinitionId, t.Title, t.TitleEn, t.Description, t.DescriptionEn,
        t.AssigneeUser, t.AssigneeRole, t.Status.ToString(), t.Outcomes.Select(OutcomeDto.From).ToList(), t.Form, t.Outcome, t.Data, t.CompletedBy, t.CreatedAt, t.DueAt, t.CompletedAt);
}

/// <summary>A task outcome: complete the task with <see cref="Key"/>; show <see cref="Name"/>.</summary>
public sealed record OutcomeDto(string Key, string Name, string? NameEn)
{
    public static OutcomeDto From(TaskOutcome o) => new(o.Key, o.Name, o.NameEn);
}

/// <summary>Completes a task: <c>outcome</c> is the outcome's key (see the task's <c>outcomes</c>).</summary>
public sealed record CompleteTaskRequest(string? Outcome, JsonObject? Data);

public sealed record WithdrawTaskRequest(string? Reason);

public sealed record ReassignTaskRequest(string? ToUser, string? Reason);
