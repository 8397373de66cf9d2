namespace XinchuangFlow.Engine.Runtime;

/// <summary>
/// Everything one burst changed on one instance. A store writes a list of these in one transaction.
/// </summary>
public sealed class BurstChanges
{
    public BurstChanges(WorkflowInstance instance, bool isNew, int expectedVersion)
    {
        Instance = instance;
        IsNew = isNew;
        ExpectedVersion = expectedVersion;
    }

    /// <summary>Where the burst's cause came from (captured in the caller's flow: the commit may run on a group-commit writer).</summary>
    public string Origin { get; } = CallOrigin.Current;
    /// <summary>The instance state after the burst (its Version already incremented).</summary>
    public WorkflowInstance Instance { get; }
    /// <summary>True when the instance row does not exist yet.</summary>
    public bool IsNew { get; }
    /// <summary>The version the burst started from: the commit fails if the stored row has another.</summary>
    public int ExpectedVersion { get; }
    public List<Bookmark> AddedBookmarks { get; } = [];
    public List<Guid> RemovedBookmarks { get; } = [];
    public List<HumanTask> AddedTasks { get; } = [];
    /// <summary>The task this burst completed; the commit fails unless it is still open.</summary>
    public HumanTask? CompletedTask { get; set; }
    public List<Guid> CancelledTasks { get; } = [];
    /// <summary>Open tasks moved to another user (an amendment such as a re-dispatch).</summary>
    public List<(Guid TaskId, string AssigneeUser)> ReassignedTasks { get; } = [];
    public List<TimerEntry> AddedTimers { get; } = [];
    /// <summary>Timers removed, by bookmark id.</summary>
    public List<Guid> RemovedTimers { get; } = [];
    public List<JournalEntry> Journal { get; } = [];
    public List<Incident> AddedIncidents { get; } = [];
    public List<Guid> ResolvedIncidents { get; } = [];
    public List<Notification> Notifications { get; } = [];
    /// <summary>Sub-workflow instances this burst created, written in the same transaction.</summary>
    public List<BurstChanges> Children { get; } = [];
    /// <summary>Domain rows the burst's activities wrote (tickets, clocks …), committed with the burst.</summary>
    public List<StagedWrite> Writes { get; } = [];
}
