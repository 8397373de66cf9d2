namespace XinchuangFlow.Application.Mail;

/// <summary>What became of a mail.</summary>
public static class MailOutcomes
{
    /// <summary>A new ticket was filed.</summary>
    public const string Ticket = "ticket";
    /// <summary>Added to the timeline of the ticket it answers.</summary>
    public const string Reply = "reply";
    /// <summary>Waits for a dispatcher: unknown or unverified sender, a reply from outside the ticket's unit, a flood.</summary>
    public const string Triage = "triage";
    /// <summary>A dispatcher filed the triage item as a ticket.</summary>
    public const string Filed = "filed";
    /// <summary>A dispatcher set the triage item aside, with a reason.</summary>
    public const string Dismissed = "dismissed";
    /// <summary>Refused with a reason (too large, unreadable, automatic).</summary>
    public const string Rejected = "rejected";
    /// <summary>One of too many messages from one sender within an hour: recorded, not filed.</summary>
    public const string Held = "held";

    public static readonly IReadOnlyList<string> All = [Ticket, Reply, Triage, Filed, Dismissed, Rejected, Held];
}
