namespace XinchuangFlow.Application.Tasks;

/// <summary>The inbox's views (INB-1).</summary>
public enum InboxView
{
    /// <summary>Assigned to me or claimed by me.</summary>
    Mine,
    /// <summary>Offered to one of my roles on a case in my scope, nobody has it yet.</summary>
    Team,
    /// <summary>The rows of <see cref="All"/> whose deadline that matters (the one the countdown shows) has passed.</summary>
    Overdue,
    /// <summary>Every open task on a case in my scope (coordinators: their city; the Data Bureau: all).</summary>
    All,
}
