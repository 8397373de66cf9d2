namespace XinchuangFlow.Application.Audit;

/// <summary>
/// One line of the audit log (SEC-3): who changed what, when, why (the comment), and the state before and after.
/// Written by the application services for definitions now; rules, tickets, enterprises and users reuse it.
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string? User { get; set; }
    /// <summary>What kind of thing changed: <c>definition</c>, <c>rule-set</c>, …</summary>
    public string EntityKind { get; set; } = "";
    /// <summary>Which one, e.g. <c>service-ticket</c>.</summary>
    public string EntityId { get; set; } = "";
    /// <summary>What was done: <c>save-draft</c>, <c>publish</c>, <c>retire</c>, <c>roll-back</c>, <c>import</c>, …</summary>
    public string Action { get; set; } = "";
    public string? Comment { get; set; }
    /// <summary>The version concerned, where the thing is versioned.</summary>
    public int? Version { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}

/// <summary>Where audit lines are kept (the database layer implements it).</summary>
public interface IAuditLog
{
    Task RecordAsync(AuditEntry entry, CancellationToken ct = default);
    /// <summary>The lines of one thing, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(string entityKind, string entityId, int take = 200, CancellationToken ct = default);
    /// <summary>The newest line of each thing of a kind (last editor and time in lists).</summary>
    Task<IReadOnlyDictionary<string, AuditEntry>> LatestAsync(string entityKind, CancellationToken ct = default);
}

/// <summary>How one activity of a definition version fared over a period (BEY-2 heat map).</summary>
public sealed record ActivityHeat(string ActivityId, int Instances, int Runs, TimeSpan? MedianWait, TimeSpan? P90Wait, int Waits, double BreachedShare);

/// <summary>How often a connection was taken over a period.</summary>
public sealed record ConnectionHeat(string From, string Port, int Count);

/// <summary>Counts the designer's lists show (the database layer implements it).</summary>
public interface IWorkflowStatistics
{
    /// <summary>
    /// The heat map of a definition version over instances started in a period: instances and runs per activity,
    /// median and p90 time spent waiting in each waiting activity, the share of those instances whose case breached an
    /// SLA, and how often each outcome port was taken.
    /// </summary>
    Task<(IReadOnlyList<ActivityHeat> Activities, IReadOnlyList<ConnectionHeat> Connections, int Instances)> HeatAsync(
        string definitionId, int version, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default);

    /// <summary>Instances not yet ended (running, waiting, faulted) per definition and version.</summary>
    Task<IReadOnlyDictionary<(string DefinitionId, int Version), int>> ActiveInstancesAsync(string? definitionId = null, CancellationToken ct = default);
}
