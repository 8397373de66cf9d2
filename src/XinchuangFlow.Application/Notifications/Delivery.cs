namespace XinchuangFlow.Application.Notifications;

/// <summary>One message to one person by one channel, with its delivery history (the delivery log).</summary>
public sealed class Delivery
{
    public Guid Id { get; set; }
    public Guid NotificationId { get; set; }
    public Guid InstanceId { get; set; }
    /// <summary>email or sms.</summary>
    public string Channel { get; set; } = "";
    public string Recipient { get; set; } = "";
    /// <summary>The e-mail address or phone number used.</summary>
    public string Address { get; set; } = "";
    public string Subject { get; set; } = "";
    public string? Body { get; set; }
    /// <summary>For an answer of the service mailbox: the Message-ID of the mail answered (threads it in the sender's client).</summary>
    public string? InReplyTo { get; set; }
    public string Status { get; set; } = DeliveryStatus.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>While a node is sending it; another node leaves it alone until then.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}
