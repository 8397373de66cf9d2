using XinchuangFlow.Domain.Sla;

namespace XinchuangFlow.Application.Tasks;

/// <summary>
/// One row of the inbox: the task and the case it belongs to, with the deadline that matters (the ticket's clock that
/// runs out first, else the complaint step's or the task's own — the task's own when it comes first) and when it is shown
/// as warned. The step is shown by what the task is: its kind's name, else its title from the definition.
/// </summary>
public sealed record InboxRow(
    Guid TaskId, Guid InstanceId, string ActivityId, string? TaskKind, string TaskTitle, string? TaskTitleEn, string? AssigneeUser, string? AssigneeRole, string? ClaimedBy,
    DateTimeOffset CreatedAt, string? CaseKind, Guid? CaseId, string? CaseNumber, string? CaseTitle, string? Grade, string? CityCode,
    string? CountyCode, string? Category, string? CaseStatus, string? Clock, DateTimeOffset? DueAt, DateTimeOffset? WarnAt)
{
    /// <summary>The task's title in the reader's language.</summary>
    public string TitleIn(bool english) => english && !string.IsNullOrWhiteSpace(TaskTitleEn) ? TaskTitleEn : TaskTitle;

    public DeadlineState StateAt(DateTimeOffset now) => Deadlines.StateAt(now, DueAt, WarnAt, Clock == Deadlines.Paused);

    /// <summary>Whether <paramref name="user"/> holds the task (assigned or claimed).</summary>
    public bool IsHeldBy(string? user) => user is not null &&
        (string.Equals(AssigneeUser, user, StringComparison.OrdinalIgnoreCase) || string.Equals(ClaimedBy, user, StringComparison.OrdinalIgnoreCase));
}
