using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Application.Tickets;

/// <summary>Where attachments live (the database layer implements it).</summary>
public interface IAttachmentStore
{
    Task<IReadOnlyList<AttachmentInfo>> ListAsync(Guid caseId, CancellationToken ct = default);
    Task<Attachment?> FindAsync(Guid caseId, Guid id, CancellationToken ct = default);
    /// <summary>Adds the attachment, or returns the one of the same case with the same content (a repeated upload).</summary>
    Task<AttachmentInfo> AddAsync(Attachment attachment, CancellationToken ct = default);
}
