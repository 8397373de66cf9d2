namespace XinchuangFlow.Application.Tickets;

/// <summary>
/// The on-site promise as a unit reads it: the deadline once the technician has accepted; before that the target the
/// rules give for where the dispatched service point is (counted from acceptance); none before dispatch.
/// </summary>
public sealed record OnSitePromise(TimeSpan? Target, DateTimeOffset? DueAt, bool SameCity)
{
    /// <summary>When the technician checked in (the promise is settled), and whether it was handled remotely instead.</summary>
    public DateTimeOffset? ArrivedAt { get; init; }
    public bool Remote { get; init; }
    /// <summary>Whether the arrival kept the promise (null while it is still open).</summary>
    public bool? Kept { get; init; }
}
