namespace XinchuangFlow.Domain.Knowledge;

/// <summary>What the review flow's steps read of an article (the application reads more through its own queries).</summary>
public interface IKnowledgeRepository
{
    Task<KnowledgeArticle?> FindAsync(Guid id, CancellationToken ct = default);

    /// <summary>The article whose review the instance is, or null.</summary>
    Task<KnowledgeArticle?> FindByReviewInstanceAsync(Guid instanceId, CancellationToken ct = default);

    Task<KnowledgeRevision?> FindRevisionAsync(Guid articleId, int number, CancellationToken ct = default);

    /// <summary>The published articles among <paramref name="numbers"/> (others are left out).</summary>
    Task<IReadOnlyList<KnowledgeArticle>> FindPublishedAsync(IReadOnlyCollection<string> numbers, CancellationToken ct = default);

    /// <summary>The ids of the articles a ticket already cites.</summary>
    Task<IReadOnlyList<Guid>> CitedByAsync(Guid ticketId, CancellationToken ct = default);
}
