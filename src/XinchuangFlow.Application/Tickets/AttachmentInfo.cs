namespace XinchuangFlow.Application.Tickets;

/// <summary>An attachment without its bytes (what lists show).</summary>
public sealed record AttachmentInfo(Guid Id, Guid CaseId, string FileName, string ContentType, long Size, string Sha256, string? UploadedBy, DateTimeOffset UploadedAt)
{
    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);
}
