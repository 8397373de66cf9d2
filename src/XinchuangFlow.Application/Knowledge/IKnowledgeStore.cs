using XinchuangFlow.Domain.Knowledge;

namespace XinchuangFlow.Application.Knowledge;

/// <summary>An article with the revision being written or reviewed and the revision readers see (null before the first publication).</summary>
public sealed record ArticleRecord(KnowledgeArticle Article, KnowledgeRevision Working, KnowledgeRevision? Published);

/// <summary>A retired article: its number, the title it was published with, why, by whom and when it was retired.</summary>
public sealed record Retirement(string Number, string Title, string? Reason, string By, DateTimeOffset At);

/// <summary>Articles as the knowledge service stores and reads them.</summary>
public interface IKnowledgeStore
{
    /// <summary>Stores a new article with its first revision and the first line of its history.</summary>
    Task AddAsync(KnowledgeArticle article, KnowledgeRevision revision, string user, CancellationToken ct = default);

    /// <summary>The article by id or number ("KB-000123"), or null.</summary>
    Task<ArticleRecord?> FindAsync(string idOrNumber, CancellationToken ct = default);

    /// <summary>
    /// Articles with a working copy (draft, under review, returned), newest first: all of them, or those of an
    /// enterprise or author. <paramref name="take"/> at most.
    /// </summary>
    Task<IReadOnlyList<ArticleRecord>> ListWorkingAsync(Guid? enterpriseId, string? author, bool all, int take, CancellationToken ct = default);

    /// <summary>Articles by id (those that exist), for a list of search hits.</summary>
    Task<IReadOnlyList<KnowledgeArticle>> FindManyAsync(IReadOnlyList<Guid> ids, CancellationToken ct = default);

    /// <summary>
    /// Writes the working revision (a new one when <paramref name="newRevision"/>) and the article, only while the
    /// article's version is still <paramref name="expectedVersion"/> (someone else's change in between is a conflict,
    /// nothing saved); a line of history says who changed it.
    /// </summary>
    Task SaveWorkingAsync(KnowledgeArticle article, int expectedVersion, KnowledgeRevision working, bool newRevision, string user, CancellationToken ct = default);

    /// <summary>How many resolutions cite each of the articles ("this solved it"); articles never cited are left out.</summary>
    Task<IReadOnlyDictionary<Guid, int>> CitationCountsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default);

    /// <summary>The published articles among the numbers, with the revision readers see; with <paramref name="andRetired"/> also those retired after publication (with their last published revision).</summary>
    Task<IReadOnlyList<ArticleRecord>> PublishedAsync(IReadOnlyCollection<string> numbers, CancellationToken ct = default, bool andRetired = false);

    /// <summary>Stores a reader's "useful?" answer, replacing their earlier one.</summary>
    Task VoteAsync(KnowledgeVote vote, CancellationToken ct = default);

    Task<ArticleUsage> UsageAsync(Guid articleId, string? user, CancellationToken ct = default);

    /// <summary>Published articles cited most, with their citation count.</summary>
    Task<IReadOnlyList<ArticleLine>> MostCitedAsync(int take, CancellationToken ct = default);

    /// <summary>Published articles never cited, published before <paramref name="publishedBefore"/>, oldest first.</summary>
    Task<IReadOnlyList<ArticleLine>> NeverCitedAsync(DateTimeOffset publishedBefore, int take, CancellationToken ct = default);

    /// <summary>Published articles with more "not useful" than "useful" answers, with the count of "not useful".</summary>
    Task<IReadOnlyList<ArticleLine>> LeastUsefulAsync(int take, CancellationToken ct = default);

    Task<IReadOnlyList<RetiredPlatform>> RetiredPlatformsAsync(CancellationToken ct = default);
    Task RetirePlatformAsync(RetiredPlatform platform, CancellationToken ct = default);
    Task RestorePlatformAsync(string tag, CancellationToken ct = default);

    /// <summary>Marks the article retired (only while its version is still <paramref name="expectedVersion"/>), with a line of history and a change for the search indexes, in one transaction.</summary>
    Task RetireAsync(KnowledgeArticle article, int expectedVersion, string user, string reason, CancellationToken ct = default);

    /// <summary>Publishes a retired article again (its last published revision), in its history and the change feed.</summary>
    Task RestoreAsync(KnowledgeArticle article, int expectedVersion, string user, CancellationToken ct = default);

    /// <summary>The retired articles, last retired first, each with why, by whom and when; with <paramref name="articleId"/> only that one.</summary>
    Task<IReadOnlyList<Retirement>> RetirementsAsync(int take, Guid? articleId = null, CancellationToken ct = default);
}
