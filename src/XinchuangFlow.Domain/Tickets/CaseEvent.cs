namespace XinchuangFlow.Domain.Tickets;

/// <summary>One line of a ticket's or complaint's human history: who did what, when, before and after.</summary>
public sealed class CaseEvent
{
    /// <summary>Assigned by the database in insertion order: the order of the history.</summary>
    public long Sequence { get; set; }
    public Guid CaseId { get; set; }
    /// <summary>ticket or complaint.</summary>
    public string CaseKind { get; set; } = "ticket";
    public DateTimeOffset At { get; set; }
    public string? User { get; set; }
    public string Kind { get; set; } = "";
    public string? FromStatus { get; set; }
    public string? ToStatus { get; set; }
    public string? Note { get; set; }
    /// <summary>Detail as JSON (dispatch explanation, clock figures, check-in location …).</summary>
    public string? Data { get; set; }
}
