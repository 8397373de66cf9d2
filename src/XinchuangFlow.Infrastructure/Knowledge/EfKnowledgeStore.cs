using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Application.Knowledge;
using XinchuangFlow.Domain.Knowledge;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Infrastructure.Knowledge;

/// <summary>Articles and their revisions in the database; a working copy is saved only over the version it was read at.</summary>
public sealed class EfKnowledgeStore(IDbContextFactory<XfDbContext> factory) : IKnowledgeStore
{
    public async Task AddAsync(KnowledgeArticle article, KnowledgeRevision revision, string user, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.KnowledgeArticles.Add(article);
        db.KnowledgeRevisions.Add(revision);
        db.CaseEvents.Add(Line(article, "created", null, user, revision.EditedAt));
        await db.SaveChangesAsync(ct);
    }

    public async Task<ArticleRecord?> FindAsync(string idOrNumber, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var article = Guid.TryParse(idOrNumber, out var id)
            ? await db.KnowledgeArticles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct)
            : await db.KnowledgeArticles.AsNoTracking().FirstOrDefaultAsync(a => a.Number == idOrNumber, ct);
        if (article is null) return null;
        var numbers = new[] { article.WorkingRevision, article.PublishedRevision ?? article.WorkingRevision };
        var revisions = await db.KnowledgeRevisions.AsNoTracking().Where(r => r.ArticleId == article.Id && numbers.Contains(r.Number)).ToListAsync(ct);
        var working = revisions.Single(r => r.Number == article.WorkingRevision);
        return new ArticleRecord(article, working, article.PublishedRevision is { } p ? revisions.Single(r => r.Number == p) : null);
    }

    public async Task<IReadOnlyList<ArticleRecord>> ListWorkingAsync(Guid? enterpriseId, string? author, bool all, int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.KnowledgeArticles.AsNoTracking().Where(a => a.Status == ArticleStatus.Draft || a.Status == ArticleStatus.Submitted || a.Status == ArticleStatus.Returned);
        if (!all) q = q.Where(a => (enterpriseId != null && a.EnterpriseId == enterpriseId) || a.Author == author);
        var articles = await q.OrderByDescending(a => a.UpdatedAt).Take(take).ToListAsync(ct);
        var ids = articles.Select(a => a.Id).ToList();
        var revisions = await db.KnowledgeRevisions.AsNoTracking().Where(r => ids.Contains(r.ArticleId)).ToListAsync(ct);
        return articles.Select(a => new ArticleRecord(a, revisions.Single(r => r.ArticleId == a.Id && r.Number == a.WorkingRevision),
            a.PublishedRevision is { } p ? revisions.Single(r => r.ArticleId == a.Id && r.Number == p) : null)).ToList();
    }

    public async Task<IReadOnlyList<KnowledgeArticle>> FindManyAsync(IReadOnlyList<Guid> ids, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.KnowledgeArticles.AsNoTracking().Where(a => ids.Contains(a.Id)).ToListAsync(ct);
    }

    public async Task SaveWorkingAsync(KnowledgeArticle article, int expectedVersion, KnowledgeRevision working, bool newRevision, string user, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var updated = await db.KnowledgeArticles.Where(a => a.Id == article.Id && a.Version == expectedVersion)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Version, article.Version).SetProperty(a => a.Status, article.Status)
                .SetProperty(a => a.WorkingRevision, article.WorkingRevision).SetProperty(a => a.UpdatedAt, article.UpdatedAt), ct);
        if (updated == 0)
            throw new StateConflictException(Problem.Of(KnowledgeProblems.Changed, null, $"Article {article.Number} was changed by someone else; reload it."));
        if (newRevision) db.KnowledgeRevisions.Add(working);
        else db.KnowledgeRevisions.Update(working);
        db.CaseEvents.Add(Line(article, newRevision ? "revised" : "edited", null, user, article.UpdatedAt));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private static CaseEvent Line(KnowledgeArticle article, string kind, string? note, string user, DateTimeOffset at) => new()
    {
        CaseId = article.Id, CaseKind = KnowledgeArticle.Kind, At = at, User = user, Kind = kind, FromStatus = article.Status, ToStatus = article.Status, Note = note,
    };
}
