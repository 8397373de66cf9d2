using XinchuangFlow.Application.Access;
using XinchuangFlow.Domain.Sla;

namespace XinchuangFlow.Application.Tasks;

/// <summary>The inbox's views (INB-1).</summary>
public enum InboxView
{
    /// <summary>Assigned to me or claimed by me.</summary>
    Mine,
    /// <summary>Offered to one of my roles on a case in my scope, nobody has it yet.</summary>
    Team,
    /// <summary>Everything I may see whose deadline has passed.</summary>
    Overdue,
    /// <summary>Every open task on a case in my scope (coordinators: their city; the Data Bureau: all).</summary>
    All,
}

/// <summary>An inbox page request: the view and its filters (what the URL keeps).</summary>
public sealed record InboxQuery(InboxView View = InboxView.Mine, string? Grade = null, string? City = null, string? Category = null,
    string? Step = null, string? Status = null, string? Text = null, int? Skip = null, int? Take = null);

/// <summary>Who asks: their name, roles and case scope (made by the access service only).</summary>
public sealed record InboxAudience(string? User, IReadOnlyCollection<string> Roles, CaseScope Scope, bool Everything);

/// <summary>
/// One row of the inbox: the task and the case it belongs to, with the deadline that matters (the ticket's clock that
/// runs out first, else the complaint step's or the task's own) and when it is shown as warned.
/// </summary>
public sealed record InboxRow(
    Guid TaskId, Guid InstanceId, string ActivityId, string TaskTitle, string? AssigneeUser, string? AssigneeRole, string? ClaimedBy,
    DateTimeOffset CreatedAt, string? CaseKind, Guid? CaseId, string? CaseNumber, string? CaseTitle, string? Grade, string? CityCode,
    string? CountyCode, string? Category, string? CaseStatus, string? Clock, DateTimeOffset? DueAt, DateTimeOffset? WarnAt)
{
    public DeadlineState StateAt(DateTimeOffset now) => Deadlines.StateAt(now, DueAt, WarnAt, Clock == Deadlines.Paused);

    /// <summary>Whether <paramref name="user"/> holds the task (assigned or claimed).</summary>
    public bool IsHeldBy(string? user) => user is not null &&
        (string.Equals(AssigneeUser, user, StringComparison.OrdinalIgnoreCase) || string.Equals(ClaimedBy, user, StringComparison.OrdinalIgnoreCase));
}

/// <summary>How many open tasks each view holds (the inbox's tab badges).</summary>
public sealed record InboxCounts(int Mine, int Team, int Overdue, int All);
