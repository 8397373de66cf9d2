namespace XinchuangFlow.Application.Tickets;

/// <summary>Limits of uploads (section <c>Limits:Attachments</c>).</summary>
public sealed class AttachmentOptions
{
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
    public int MaxPerTicket { get; set; } = 30;
}
