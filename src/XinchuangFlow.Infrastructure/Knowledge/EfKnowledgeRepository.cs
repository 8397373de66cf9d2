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
}
