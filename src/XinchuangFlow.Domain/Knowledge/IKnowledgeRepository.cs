namespace XinchuangFlow.Domain.Knowledge;

/// <summary>What the review flow's steps read of an article (the application reads more through its own queries).</summary>
public interface IKnowledgeRepository
{
    Task<KnowledgeArticle?> FindAsync(Guid id, CancellationToken ct = default);

    /// <summary>The article whose review the instance is, or null.</summary>
    Task<KnowledgeArticle?> FindByReviewInstanceAsync(Guid instanceId, CancellationToken ct = default);

    Task<KnowledgeRevision?> FindRevisionAsync(Guid articleId, int number, CancellationToken ct = default);
}
