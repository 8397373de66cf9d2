using XinchuangFlow.Domain.Time;
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
    /// <summary>Where the change came from (the client's address), when the writer knows it.</summary>
    public string? Address { get; set; }
    /// <summary>The line's place in the sealed chain; null until the sealer reaches it (seconds after it was written).</summary>
    public long? SealOrder { get; set; }
    /// <summary>SM3 of the previous sealed line (hex), the chain link.</summary>
    public string? PrevHash { get; set; }
    /// <summary>SM3 (hex) over this line's content and <see cref="PrevHash"/>.</summary>
    public string? Hash { get; set; }
}

/// <summary>A search of the audit trail (the Data Bureau's).</summary>
public sealed record AuditQuery(string? EntityKind = null, string? EntityId = null, string? User = null, string? Action = null, string? Text = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null)
{

    /// <summary>A search over whole days in China time, <paramref name="to"/> included (asked in UTC: PostgreSQL takes no +08:00).</summary>
    public static AuditQuery ForDays(string? kind, string? id, string? user, string? action, string? text, DateOnly? from, DateOnly? to) =>
        new(Blank(kind), Blank(id), Blank(user), Blank(action), Blank(text),
            // A day before 1900 or after 2999 bounds nothing the trail holds (and would not fit a time stamp at the calendar's ends).
            from is { Year: >= 1900 and <= 2999 } f ? ChinaTime.At(f, TimeOnly.MinValue).ToUniversalTime() : from is { Year: > 2999 } ? DateTimeOffset.MaxValue.AddDays(-2) : null,
            to is { Year: >= 1900 and <= 2999 } t ? ChinaTime.At(t.AddDays(1), TimeOnly.MinValue).ToUniversalTime() : to is { Year: < 1900 } ? DateTimeOffset.MinValue.AddDays(2) : null);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>What verifying the chain found: how far it is intact, and the first line that breaks it.</summary>
public sealed record AuditVerification(long Sealed, int Unsealed, string? HeadHash, long? BrokenAt, Guid? BrokenLine, string? Problem)
{
    public bool Intact => BrokenAt is null;
}

/// <summary>Where audit lines are kept (the database layer implements it).</summary>
public interface IAuditLog
{
    Task RecordAsync(AuditEntry entry, CancellationToken ct = default);
    /// <summary>The lines of one thing, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(string entityKind, string entityId, int take = 200, CancellationToken ct = default);
    /// <summary>The newest line of each thing of a kind (last editor and time in lists).</summary>
    Task<IReadOnlyDictionary<string, AuditEntry>> LatestAsync(string entityKind, CancellationToken ct = default);
    /// <summary>Lines matching <paramref name="query"/>, newest first.</summary>
    Task<(IReadOnlyList<AuditEntry> Items, int Total)> SearchAsync(AuditQuery query, int skip, int take, CancellationToken ct = default);
    /// <summary>Links the lines not yet sealed into the SM3 chain, oldest first; returns how many.</summary>
    Task<int> SealAsync(int max, CancellationToken ct = default);
    /// <summary>Recomputes the chain from its first line and reports the first line whose content or link does not match.</summary>
    Task<AuditVerification> VerifyAsync(CancellationToken ct = default);
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
