namespace XinchuangFlow.Application.Tickets.Actions;

/// <summary>What <see cref="ITicketAction.CheckAsync"/> says about an actor and a ticket.</summary>
public enum TicketActionVerdict
{
    /// <summary>They may run it now (the workspace offers it).</summary>
    May,
    /// <summary>Not theirs to run (403, logged by the access service).</summary>
    NotYou,
    /// <summary>Theirs, but not in the ticket's present state (409).</summary>
    NotNow,
    /// <summary>Already done: a repeated tap changes nothing and answers with the ticket.</summary>
    AlreadyDone,
}

/// <summary>A verdict with its reason (English, for the log and the API's problem).</summary>
public sealed record TicketActionCheck(TicketActionVerdict Verdict, string? Reason = null)
{
    public static readonly TicketActionCheck May = new(TicketActionVerdict.May);
    public static readonly TicketActionCheck AlreadyDone = new(TicketActionVerdict.AlreadyDone);
    public static TicketActionCheck NotYou(string reason) => new(TicketActionVerdict.NotYou, reason);
    public static TicketActionCheck NotNow(string reason) => new(TicketActionVerdict.NotNow, reason);

    public bool Allows => Verdict == TicketActionVerdict.May;
}
