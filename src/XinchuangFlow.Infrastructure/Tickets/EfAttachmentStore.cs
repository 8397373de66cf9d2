using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Application.Tickets;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Infrastructure.Tickets;

/// <summary>Attachments in the database; lists never read the bytes.</summary>
public sealed class EfAttachmentStore(IDbContextFactory<XfDbContext> factory) : IAttachmentStore
{
    public async Task<IReadOnlyList<AttachmentInfo>> ListAsync(Guid caseId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Attachments.AsNoTracking().Where(a => a.CaseId == caseId).OrderBy(a => a.UploadedAt).ThenBy(a => a.Id)
            .Select(a => new AttachmentInfo(a.Id, a.CaseId, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, a.UploadedAt)).ToListAsync(ct);
    }

    public async Task<Attachment?> FindAsync(Guid caseId, Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.CaseId == caseId && a.Id == id, ct);
    }

    public async Task<AttachmentInfo> AddAsync(Attachment attachment, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var same = await db.Attachments.AsNoTracking().Where(a => a.CaseId == attachment.CaseId && a.Sha256 == attachment.Sha256)
            .Select(a => new AttachmentInfo(a.Id, a.CaseId, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, a.UploadedAt)).FirstOrDefaultAsync(ct);
        if (same is not null) return same;
        db.Attachments.Add(attachment);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same file arrived twice at once: the unique (case, hash) index kept one.
            await using var again = await factory.CreateDbContextAsync(ct);
            return await again.Attachments.AsNoTracking().Where(a => a.CaseId == attachment.CaseId && a.Sha256 == attachment.Sha256)
                .Select(a => new AttachmentInfo(a.Id, a.CaseId, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, a.UploadedAt)).FirstAsync(ct);
        }
        return new AttachmentInfo(attachment.Id, attachment.CaseId, attachment.FileName, attachment.ContentType, attachment.Size, attachment.Sha256, attachment.UploadedBy, attachment.UploadedAt);
    }
}
