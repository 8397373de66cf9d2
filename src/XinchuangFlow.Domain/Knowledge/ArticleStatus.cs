namespace XinchuangFlow.Domain.Knowledge;

/// <summary>
/// Where an article's working copy stands. A published article that is being edited again is <see cref="Draft"/>,
/// <see cref="Submitted"/> or <see cref="Returned"/> while its published version (<see cref="KnowledgeArticle.PublishedRevision"/>)
/// stays visible; <see cref="Published"/> means there is no working copy beside the published version.
/// </summary>
public static class ArticleStatus
{
    public const string Draft = "draft";
    public const string Submitted = "submitted";
    public const string Returned = "returned";
    public const string Published = "published";
    public const string Retired = "retired";

    public static readonly IReadOnlyList<string> All = [Draft, Submitted, Returned, Published, Retired];

    /// <summary>Whether the author may still change the working copy.</summary>
    public static bool IsEditable(string status) => status is Draft or Returned or Published;
}
