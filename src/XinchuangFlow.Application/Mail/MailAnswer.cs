using XinchuangFlow.Application.Notifications;

namespace XinchuangFlow.Application.Mail;

/// <summary>
/// What became of the platform's answer to a mail, read from its delivery (never assumed): the desk is told the truth
/// — queued, sent, still being tried, given up, or not sent at all because no mail server is configured.
/// </summary>
public sealed record MailAnswer(string State, string? Address, int Attempts, DateTimeOffset? SentAt)
{
    /// <summary>No answer was written (no address to answer, or nothing to say).</summary>
    public const string None = "none";
    /// <summary>Waiting for the next delivery round.</summary>
    public const string Queued = "queued";
    /// <summary>Attempts failed; it is tried again later.</summary>
    public const string Retrying = "retrying";
    /// <summary>The mail server accepted it.</summary>
    public const string Sent = "sent";
    /// <summary>Every attempt failed; it is no longer tried.</summary>
    public const string Failed = "failed";
    /// <summary>No mail server is configured on this installation: it is not sent.</summary>
    public const string NoServer = "no-server";

    public static readonly IReadOnlyList<string> States = [None, Queued, Retrying, Sent, Failed, NoServer];

    public static readonly MailAnswer Nothing = new(None, null, 0, null);

    /// <summary>The state of <paramref name="delivery"/> when a mail server is (or is not) <paramref name="serverConfigured"/>.</summary>
    public static MailAnswer Of(Delivery? delivery, bool serverConfigured) => delivery switch
    {
        null => Nothing,
        { Status: DeliveryStatus.Sent } d => new(Sent, d.Address, d.Attempts, d.SentAt),
        var d when !serverConfigured => new(NoServer, d.Address, d.Attempts, null),
        { Status: DeliveryStatus.Failed } d => new(Failed, d.Address, d.Attempts, null),
        { Attempts: 0 } d => new(Queued, d.Address, 0, null),
        var d => new(Retrying, d.Address, d.Attempts, null),
    };
}
