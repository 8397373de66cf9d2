namespace XinchuangFlow.Domain.Tickets;

/// <summary>
/// A file attached to a ticket (a photo of the fault, a log, a signed confirmation). The bytes are stored in the
/// database with the ticket, because app nodes share only the database (OPS-3) and a backup then holds a ticket and
/// its files together; lists never read <see cref="Content"/>.
/// </summary>
public sealed class Attachment
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public string FileName { get; set; } = "";
    /// <summary>The type found by looking at the content (never the one the browser claimed).</summary>
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    /// <summary>SHA-256 of the content, hex: a repeated upload of the same file to the same ticket is the same attachment.</summary>
    public string Sha256 { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public string? UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }

    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);
}
