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
