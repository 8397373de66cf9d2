namespace XinchuangFlow.Application.Knowledge;

/// <summary>A search of the published articles (or, with <see cref="Tickets"/>, of the resolved tickets): free text in any mix of Chinese, English and model numbers, tags that must all match.</summary>
/// <see cref="Skip"/> hits are passed over first (a later page). <see cref="Fragments"/>: whether the best fragments are
/// looked for (costly: the long fields are read again); without, the start of the symptom. <see cref="MarkTitles"/>
/// false: the titles unmarked, for a caller that shows them plain.
public sealed record KnowledgeSearchQuery(string? Text, IReadOnlyList<string> Tags, bool ForUsersOnly, int Take, bool Tickets = false, int Skip = 0, bool Fragments = true, bool MarkTitles = true);

/// <summary>A hit: its title and best fragments as HTML — everything encoded but the <c>&lt;mark&gt;</c> around what matched.</summary>
public sealed record KnowledgeSearchHit(Guid Id, string TitleHtml, IReadOnlyList<string> Fragments, float Score);

public sealed record KnowledgeSearchPage(int Total, IReadOnlyList<KnowledgeSearchHit> Hits);

/// <summary>
/// The search index of this node (KB-2): it follows the database's change feed, so it is right on every node of a
/// cluster and after a crash (what was committed but not yet indexed is indexed when the node comes back).
/// </summary>
public interface IKnowledgeSearch
{
    /// <summary>Applies every change the index has not seen yet.</summary>
    Task CatchUpAsync(CancellationToken ct = default);

    Task<KnowledgeSearchPage> SearchAsync(KnowledgeSearchQuery query, CancellationToken ct = default);
}
