namespace XinchuangFlow.Application.Mail;

/// <summary>One processed mail: the mailbox log, and the dispatcher's triage queue.</summary>
public sealed class MailRecord
{
    public Guid Id { get; set; }
    public string Key { get; set; } = "";
    public string? MessageId { get; set; }
    public string? FromAddress { get; set; }
    public string? FromName { get; set; }
    public string Subject { get; set; } = "";
    public long Size { get; set; }
    public string Outcome { get; set; } = "";
    /// <summary>Why it went to triage or was refused, as a code the UI words (<see cref="MailReasons"/>); the detail is in <see cref="Reason"/>.</summary>
    public string? ReasonCode { get; set; }
    public string? Reason { get; set; }
    public string? TicketNumber { get; set; }
    /// <summary>The integrator whose dispatchers may triage it (the claimed unit's), or null for the regional desk only.</summary>
    public Guid? IntegratorId { get; set; }
    /// <summary>The text as read (at most 10,000 characters), for the log and the triage view.</summary>
    public string? Text { get; set; }
    /// <summary>The whole message, kept while it waits for triage.</summary>
    public byte[]? Raw { get; set; }
    /// <summary>The answer sent to the sender (its delivery id is its Message-ID), so a reply to the answer threads.</summary>
    public Guid? ReplyId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}
