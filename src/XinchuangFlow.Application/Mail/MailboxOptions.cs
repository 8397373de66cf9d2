namespace XinchuangFlow.Application.Mail;

/// <summary>Limits and identity of the service mailbox (section <c>Mailbox</c>).</summary>
public sealed class MailboxOptions
{
    public const string SectionName = "Mailbox";
    /// <summary>The mailbox's own address: mail from it is never answered.</summary>
    public string Address { get; set; } = "service@localhost";
    /// <summary>Larger messages are refused without being downloaded.</summary>
    public long MaxMessageBytes { get; set; } = 25 * 1024 * 1024;
    /// <summary>Messages one sender may file per hour; more are held (recorded, one triage item, no answers).</summary>
    public int MaxPerSenderPerHour { get; set; } = 10;
    /// <summary>
    /// The authserv-id of the mailbox's own mail server (RFC 8601). When set, only its Authentication-Results header is
    /// believed, and a sender it did not verify (SPF, DKIM or DMARC) goes to triage instead of being filed.
    /// </summary>
    public string? TrustedAuthServId { get; set; }
}
