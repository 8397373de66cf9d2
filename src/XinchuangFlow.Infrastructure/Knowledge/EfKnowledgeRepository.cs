using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Domain.Knowledge;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Infrastructure.Knowledge;

/// <summary>Articles as the review flow's steps read them.</summary>
public sealed class EfKnowledgeRepository(IDbContextFactory<XfDbContext> factory) : IKnowledgeRepository
{
    public async Task<KnowledgeArticle?> FindAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.KnowledgeArticles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
    }

    public async Task<KnowledgeArticle?> FindByReviewInstanceAsync(Guid instanceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.KnowledgeArticles.AsNoTracking().FirstOrDefaultAsync(a => a.ReviewInstanceId == instanceId, ct);
    }

    public async Task<KnowledgeRevision?> FindRevisionAsync(Guid articleId, int number, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.KnowledgeRevisions.AsNoTracking().FirstOrDefaultAsync(r => r.ArticleId == articleId && r.Number == number, ct);
    }

    public async Task<IReadOnlyList<KnowledgeArticle>> FindPublishedAsync(IReadOnlyCollection<string> numbers, CancellationToken ct = default)
    {
        if (numbers.Count == 0) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var found = await db.KnowledgeArticles.AsNoTracking().Where(a => numbers.Contains(a.Number) && a.PublishedRevision != null).ToListAsync(ct);
        return found.Where(a => a.IsPublished).ToList();
    }

    public async Task<IReadOnlyList<Guid>> CitedByAsync(Guid ticketId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.KnowledgeCitations.AsNoTracking().Where(c => c.TicketId == ticketId).Select(c => c.ArticleId).ToListAsync(ct);
    }
}
