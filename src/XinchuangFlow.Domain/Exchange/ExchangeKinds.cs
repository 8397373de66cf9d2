namespace XinchuangFlow.Domain.Exchange;

/// <summary>The code lists of the exchange standard v1 (docs/data-standard.md) that the code acts on.</summary>
public static class ExchangeKinds
{
    public const string Standard = "v1";
    public const int MaxRecords = 1000;
    public const string Ticket = "ticket", Event = "event";

    public const string Dispatched = "dispatched", Accepted = "accepted", SetOut = "set-out", CheckedIn = "checked-in", Remote = "remote",
        Paused = "paused", Resumed = "resumed", Resolved = "resolved", Feedback = "feedback", Reopened = "reopened", Closed = "closed",
        Cancelled = "cancelled", Complaint = "complaint", ComplaintClosed = "complaint-closed";

    public static readonly IReadOnlyList<string> Events =
        [Dispatched, Accepted, SetOut, CheckedIn, Remote, Paused, Resumed, Resolved, Feedback, Reopened, Closed, Cancelled, Complaint, ComplaintClosed];
}
