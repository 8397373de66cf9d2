using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Access;

/// <summary>
/// Filter for task lists; the scope and the caller's identity are added by the task service. <see cref="TaskKind"/>
/// finds the tasks that play a part (<c>ticket.feedback</c>…), whatever their steps are called.
/// </summary>
public sealed record TaskFilter(HumanTaskStatus? Status = null, Guid? InstanceId = null, string? AssigneeUser = null, string? Role = null, int? Skip = null, int? Take = null,
    string? TaskKind = null);
