using System.Security.Cryptography;
using System.Text;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Tickets;

/// <summary>An attachment without its bytes (what lists show).</summary>
public sealed record AttachmentInfo(Guid Id, Guid CaseId, string FileName, string ContentType, long Size, string Sha256, string? UploadedBy, DateTimeOffset UploadedAt)
{
    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);
}
