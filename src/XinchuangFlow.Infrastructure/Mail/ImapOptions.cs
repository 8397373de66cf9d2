namespace XinchuangFlow.Infrastructure.Mail;

/// <summary>The IMAP server of the service mailbox (<c>Mailbox:Imap</c>); no host turns the mailbox off.</summary>
public sealed class ImapOptions
{
    public const string SectionName = "Mailbox:Imap";
    public string? Host { get; set; }
    public int Port { get; set; } = 143;
    /// <summary>None, StartTls or SslOnConnect.</summary>
    public string Security { get; set; } = "None";
    public string? User { get; set; }
    public string? Password { get; set; }
    public string Folder { get; set; } = "INBOX";
    /// <summary>The longest wait between rounds; a server with IDLE wakes the poller at once when mail arrives.</summary>
    public int PollSeconds { get; set; } = 60;
    /// <summary>Messages handled per round (senders interleaved, so one sender's flood does not delay the others).</summary>
    public int BatchSize { get; set; } = 600;
}
