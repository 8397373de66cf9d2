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

    public async Task<IReadOnlyDictionary<Guid, int>> CitationCountsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0) return new Dictionary<Guid, int>();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.KnowledgeCitations.AsNoTracking().Where(c => ids.Contains(c.ArticleId)).GroupBy(c => c.ArticleId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
    }

    public async Task<IReadOnlyList<ArticleRecord>> PublishedAsync(IReadOnlyCollection<string> numbers, CancellationToken ct = default, bool andRetired = false)
    {
        if (numbers.Count == 0) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var found = (await db.KnowledgeArticles.AsNoTracking().Where(a => numbers.Contains(a.Number) && a.PublishedRevision != null).ToListAsync(ct))
            .Where(a => a.IsPublished || andRetired).ToList();
        var ids = found.Select(a => a.Id).ToList();
        var revisions = await db.KnowledgeRevisions.AsNoTracking().Where(r => ids.Contains(r.ArticleId)).ToListAsync(ct);
        return found.Select(a => new ArticleRecord(a, revisions.Single(r => r.ArticleId == a.Id && r.Number == a.WorkingRevision),
            revisions.Single(r => r.ArticleId == a.Id && r.Number == a.PublishedRevision))).ToList();
    }

    public async Task VoteAsync(KnowledgeVote vote, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var changed = await db.KnowledgeVotes.Where(v => v.ArticleId == vote.ArticleId && v.User == vote.User)
            .ExecuteUpdateAsync(u => u.SetProperty(v => v.Useful, vote.Useful).SetProperty(v => v.At, vote.At), ct);
        if (changed > 0) return;
        db.KnowledgeVotes.Add(vote);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            // The same reader answered twice at once: the other answer is in; this one replaces it.
            await using var again = await factory.CreateDbContextAsync(ct);
            await again.KnowledgeVotes.Where(v => v.ArticleId == vote.ArticleId && v.User == vote.User)
                .ExecuteUpdateAsync(u => u.SetProperty(v => v.Useful, vote.Useful).SetProperty(v => v.At, vote.At), ct);
        }
    }

    public async Task<ArticleUsage> UsageAsync(Guid articleId, string? user, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var solved = await db.KnowledgeCitations.CountAsync(c => c.ArticleId == articleId, ct);
        var votes = await db.KnowledgeVotes.AsNoTracking().Where(v => v.ArticleId == articleId).GroupBy(v => v.Useful)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        bool? mine = user is null ? null : await db.KnowledgeVotes.AsNoTracking().Where(v => v.ArticleId == articleId && v.User == user).Select(v => (bool?)v.Useful).FirstOrDefaultAsync(ct);
        return new ArticleUsage(solved, votes.FirstOrDefault(v => v.Key)?.Count ?? 0, votes.FirstOrDefault(v => !v.Key)?.Count ?? 0, mine);
    }

    public async Task<IReadOnlyList<ArticleLine>> MostCitedAsync(int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var counts = await db.KnowledgeCitations.AsNoTracking().GroupBy(c => c.ArticleId).Select(g => new { g.Key, Count = g.Count() })
            .OrderByDescending(x => x.Count).Take(take * 2).ToListAsync(ct);
        return await LinesAsync(db, counts.Select(c => (c.Key, c.Count)).ToList(), take, ct);
    }

    public async Task<IReadOnlyList<ArticleLine>> NeverCitedAsync(DateTimeOffset publishedBefore, int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var quiet = await db.KnowledgeArticles.AsNoTracking()
            .Where(a => a.PublishedRevision != null && a.Status != ArticleStatus.Retired && a.PublishedAt <= publishedBefore
                        && !db.KnowledgeCitations.Any(c => c.ArticleId == a.Id))
            .OrderBy(a => a.PublishedAt).Take(take).Select(a => a.Id).ToListAsync(ct);
        return await LinesAsync(db, quiet.Select(id => (id, 0)).ToList(), take, ct);
    }

    public async Task<IReadOnlyList<ArticleLine>> LeastUsefulAsync(int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var tallies = await db.KnowledgeVotes.AsNoTracking().GroupBy(v => v.ArticleId)
            .Select(g => new { g.Key, No = g.Count(v => !v.Useful), Yes = g.Count(v => v.Useful) })
            .Where(x => x.No > x.Yes).OrderByDescending(x => x.No).Take(take * 2).ToListAsync(ct);
        return await LinesAsync(db, tallies.Select(t => (t.Key, t.No)).ToList(), take, ct);
    }

    /// <summary>The published ones of the articles, in the given order, named by the revision readers see.</summary>
    private static async Task<IReadOnlyList<ArticleLine>> LinesAsync(XfDbContext db, List<(Guid Id, int Figure)> items, int take, CancellationToken ct)
    {
        var ids = items.Select(i => i.Id).ToList();
        var articles = (await db.KnowledgeArticles.AsNoTracking().Where(a => ids.Contains(a.Id)).ToListAsync(ct)).Where(a => a.IsPublished).ToDictionary(a => a.Id);
        var revisions = await db.KnowledgeRevisions.AsNoTracking().Where(r => ids.Contains(r.ArticleId)).Select(r => new { r.ArticleId, r.Number, r.Title }).ToListAsync(ct);
        return items.Where(i => articles.ContainsKey(i.Id)).Take(take)
            .Select(i => new ArticleLine(articles[i.Id].Number, revisions.First(r => r.ArticleId == i.Id && r.Number == articles[i.Id].PublishedRevision).Title, i.Figure))
            .ToList();
    }

    public async Task<IReadOnlyList<RetiredPlatform>> RetiredPlatformsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await db.RetiredPlatforms.AsNoTracking().ToListAsync(ct)).OrderBy(p => p.Tag, StringComparer.Ordinal).ToList();
    }

    public async Task RetirePlatformAsync(RetiredPlatform platform, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.RetiredPlatforms.AnyAsync(p => p.Tag == platform.Tag, ct)) return;
        db.RetiredPlatforms.Add(platform);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            if (!await PlatformExistsAsync(platform.Tag, ct)) throw;   // else retired at the same moment by another reviewer
        }
    }

    private async Task<bool> PlatformExistsAsync(string tag, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.RetiredPlatforms.AnyAsync(p => p.Tag == tag, ct);
    }

    public async Task RestorePlatformAsync(string tag, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.RetiredPlatforms.Where(p => p.Tag == tag).ExecuteDeleteAsync(ct);
    }

    public Task RetireAsync(KnowledgeArticle article, int expectedVersion, string user, string reason, CancellationToken ct = default) =>
        ChangeStatusAsync(article, expectedVersion, ArticleStatus.Published, "retired", reason, user, ct);

    public Task RestoreAsync(KnowledgeArticle article, int expectedVersion, string user, CancellationToken ct = default) =>
        ChangeStatusAsync(article, expectedVersion, ArticleStatus.Retired, "restored", null, user, ct);

    public async Task<IReadOnlyList<Retirement>> RetirementsAsync(int take, Guid? articleId = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var articles = db.KnowledgeArticles.AsNoTracking().Where(a => a.Status == ArticleStatus.Retired);
        if (articleId is { } only) articles = articles.Where(a => a.Id == only);
        var retired = await articles.OrderByDescending(a => a.UpdatedAt).Take(take).ToListAsync(ct);
        var ids = retired.Select(a => a.Id).ToList();
        var lines = await db.CaseEvents.AsNoTracking().Where(e => ids.Contains(e.CaseId) && e.Kind == "retired").ToListAsync(ct);
        var titles = await db.KnowledgeRevisions.AsNoTracking().Where(r => ids.Contains(r.ArticleId)).Select(r => new { r.ArticleId, r.Number, r.Title }).ToListAsync(ct);
        return retired.Select(a =>
        {
            var line = lines.Where(e => e.CaseId == a.Id).MaxBy(e => e.At);
            var title = titles.FirstOrDefault(r => r.ArticleId == a.Id && r.Number == (a.PublishedRevision ?? a.WorkingRevision))?.Title ?? "";
            return new Retirement(a.Number, title, line?.Note, line?.User ?? "", line?.At ?? a.UpdatedAt);
        }).ToList();
    }

    private async Task ChangeStatusAsync(KnowledgeArticle article, int expectedVersion, string from, string kind, string? note, string user, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var updated = await db.KnowledgeArticles.Where(a => a.Id == article.Id && a.Version == expectedVersion)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Version, article.Version).SetProperty(a => a.Status, article.Status).SetProperty(a => a.UpdatedAt, article.UpdatedAt), ct);
        if (updated == 0)
            throw new StateConflictException(Problem.Of(KnowledgeProblems.Changed, null, $"Article {article.Number} was changed by someone else; reload it."));
        var line = Line(article, kind, note, user, article.UpdatedAt);
        line.FromStatus = from;
        db.CaseEvents.Add(line);
        db.KnowledgeChanges.Add(new KnowledgeChange { ArticleId = article.Id, At = article.UpdatedAt });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
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
