namespace XinchuangFlow.Domain.Exchange;

/// <summary>
/// One record an enterprise's own platform reported (DAT-2), as stored: the ticket itself (<see cref="Sequence"/> 0) or
/// one of its events (1, 2, 3 …). Keyed by (enterprise, external id, sequence): reporting it again replaces it when it
/// changed and changes nothing when it did not.
/// </summary>
public sealed class ReportedRecord
{
    public Guid EnterpriseId { get; set; }
    public string ExternalId { get; set; } = "";
    public int Sequence { get; set; }
    /// <summary>The ticket's creation time (sequence 0) or the event's time.</summary>
    public DateTimeOffset At { get; set; }
    /// <summary><c>ticket</c> or an event kind of <see cref="ExchangeKinds"/>.</summary>
    public string Kind { get; set; } = "";
    /// <summary>The record as reported (JSON, its members in the standard's spelling).</summary>
    public string Data { get; set; } = "";
    /// <summary>SHA-256 of <see cref="Data"/>: a record reported again unchanged is recognised without comparing it.</summary>
    public string Hash { get; set; } = "";
    public Guid BatchId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>
    /// <see cref="Data"/> as read from the batch that brought it (a <see cref="ReportedTicketData"/> or a
    /// <see cref="ReportedEventData"/>), so the fold does not parse again what the checks just read; not stored, and null
    /// for a record loaded from the database.
    /// </summary>
    public object? Parsed { get; set; }
}
