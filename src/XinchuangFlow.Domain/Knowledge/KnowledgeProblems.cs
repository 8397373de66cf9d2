namespace XinchuangFlow.Domain.Knowledge;

/// <summary>Why an article's content or a step of its life is refused.</summary>
[ProblemCodes]
public static class KnowledgeProblems
{
    /// <summary>Arguments: field, value.</summary>
    public const string UnknownKind = "knowledge-unknown-kind";
    /// <summary>Arguments: field, max.</summary>
    public const string TooManyTags = "knowledge-too-many-tags";
    /// <summary>Arguments: field, value (a tag that is not facet:value with a known facet).</summary>
    public const string BadTag = "knowledge-bad-tag";
    /// <summary>Arguments: field, value (a category tag that names no product category).</summary>
    public const string UnknownCategory = "knowledge-unknown-category";
    /// <summary>Arguments: articleStatus (the article's state, which does not allow the step).</summary>
    public const string NotNow = "knowledge-not-now";
    /// <summary>No arguments: someone else changed the article since it was read.</summary>
    public const string Changed = "knowledge-changed";
    /// <summary>Arguments: field (a return needs the reviewer's comment).</summary>
    public const string CommentRequired = "knowledge-comment-required";
    /// <summary>Arguments: field, value (an article number a resolution cites that names no published article).</summary>
    public const string CitedUnknown = "knowledge-cited-unknown";
    /// <summary>Arguments: field, value (the tag's value, without its facet), length, max.</summary>
    public const string TagTooLong = "knowledge-tag-too-long";
}
