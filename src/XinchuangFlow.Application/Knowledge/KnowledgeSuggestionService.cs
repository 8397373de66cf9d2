using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Tickets;
using XinchuangFlow.Domain.Knowledge;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Application.Knowledge;

/// <summary>What a ticket says, as the suggestions read it: what was asked, about which product and platform.</summary>
public sealed record TicketText(string? Title, string? Description, string? Category = null, string? Os = null, string? Cpu = null, string? Brand = null, string? Model = null)
{
    /// <summary>The words searched, most telling first (the title, then the platform and model, then the description).</summary>
    public string Query => string.Join(' ', new[] { Title, Os, Cpu, Brand, Model, Description }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()));

    public static TicketText Of(Ticket t) => new(t.Title, t.Description, t.ProductCategory, t.Os, t.Cpu, t.ProductVendor, t.ProductModel);
}

/// <summary>A suggested article: its number, its title with what matched marked, its best fragment (HTML, encoded but the marks), how often it solved a ticket.</summary>
public sealed record SuggestedArticle(Guid Id, string Number, string TitleHtml, string? FragmentHtml, int Solved);

/// <summary>
/// A resolved ticket like this one: what matched (HTML, encoded but the marks), the start of what fixed it (plain text);
/// <see cref="MayOpen"/> when the caller may open the ticket itself.
/// </summary>
public sealed record SimilarTicket(string Number, string Title, string? MatchHtml, string Resolution, DateTimeOffset? ResolvedAt, bool MayOpen)
{
    public const int ResolutionLength = 140;
}

public sealed record KnowledgeSuggestions(IReadOnlyList<SuggestedArticle> Articles, IReadOnlyList<SimilarTicket> Tickets)
{
    public static readonly KnowledgeSuggestions None = new([], []);
    public bool IsEmpty => Articles.Count == 0 && Tickets.Count == 0;
}

/// <summary>
/// Knowledge offered while a ticket is written (portal, hotline desk, the intake API's answer) and on the ticket's
/// page (KB-2): the published articles the caller may read that best match the ticket's text, and resolved tickets
/// like it that the caller may see, so a fix never written up still helps.
/// </summary>
public sealed class KnowledgeSuggestionService(IKnowledgeSearch search, IKnowledgeStore store, ICaseDirectory cases, CaseQueryService tickets, AccessService access)
{
    public const int MaxArticles = 5;
    public const int MaxTickets = 3;
    /// <summary>The most of a ticket's text read (the search itself reads the first 200 characters).</summary>
    public const int MaxText = 2_000;

    /// <summary>Suggestions for a ticket being written; nothing for a text with fewer than two visible characters.</summary>
    public async Task<KnowledgeSuggestions> SuggestAsync(Actor actor, TicketText text, CancellationToken ct = default)
    {
        if (!actor.IsAuthenticated) throw access.Denied(actor, "read knowledge", "Sign in to read the knowledge base.");
        return await SuggestAsync(actor, text, exclude: null, fragments: true, ct);
    }

    /// <summary>
    /// Suggestions for a ticket just recorded (the intake API's answer): the same articles and tickets, titles marked, but
    /// without looking for each one's best fragment — an article's fragment is the start of its symptom, a ticket has no
    /// match text. Finding fragments reads every long field of every hit again through the Chinese analyzer: measured, it
    /// was a third of an intake's CPU (<c>docs/performance.md</c>, "The application under load").
    /// </summary>
    public async Task<KnowledgeSuggestions> SuggestForAnswerAsync(Actor actor, TicketText text, CancellationToken ct = default)
    {
        if (!actor.IsAuthenticated) throw access.Denied(actor, "read knowledge", "Sign in to read the knowledge base.");
        return await SuggestAsync(actor, text, exclude: null, fragments: false, ct);
    }

    /// <summary>Suggestions for a ticket the caller may see (another's ticket is a logged 404), leaving the ticket itself out.</summary>
    public async Task<KnowledgeSuggestions> ForTicketAsync(Actor actor, string ticketIdOrNumber, CancellationToken ct = default)
    {
        var ticket = await tickets.GetTicketAsync(actor, ticketIdOrNumber, ct);
        return await SuggestAsync(actor, TicketText.Of(ticket), ticket.Id, fragments: true, ct);
    }

    private async Task<KnowledgeSuggestions> SuggestAsync(Actor actor, TicketText text, Guid? exclude, bool fragments, CancellationToken ct)
    {
        var query = text.Query;
        if (query.Length > MaxText) query = query[..MaxText];
        if (query.Count(c => !char.IsWhiteSpace(c) && !char.IsPunctuation(c)) < 2) return KnowledgeSuggestions.None;

        var forUsersOnly = !access.MaySeePublishedKnowledge(actor, forUsers: false);
        var hits = await search.SearchAsync(new KnowledgeSearchQuery(query, [], forUsersOnly, MaxArticles, Fragments: fragments), ct);
        var ids = hits.Hits.Select(h => h.Id).ToList();
        var articles = (await store.FindManyAsync(ids, ct)).ToDictionary(a => a.Id);
        var solved = await store.CitationCountsAsync(ids, ct);
        var suggested = hits.Hits.Where(h => articles.ContainsKey(h.Id))
            .Select(h => new SuggestedArticle(h.Id, articles[h.Id].Number, h.TitleHtml, h.Fragments.FirstOrDefault(), solved.GetValueOrDefault(h.Id)))
            .ToList();

        var similar = new List<SimilarTicket>();
        if (access.SimilarTicketScopeOf(actor) is { } scope)
        {
            // A similar ticket shows its plain title: the search does not mark titles for it.
            var ticketHits = await search.SearchAsync(new KnowledgeSearchQuery(query, [], false, MaxTickets * 4, Tickets: true, Fragments: fragments, MarkTitles: false), ct);
            var found = (await cases.FindTicketSummariesAsync(ticketHits.Hits.Select(h => h.Id).Where(id => id != exclude).ToList(), scope, ct)).ToDictionary(t => t.Id);
            var opens = access.ScopeOf(actor);
            foreach (var hit in ticketHits.Hits)
            {
                if (!found.TryGetValue(hit.Id, out var t)) continue;
                var resolution = t.Resolution ?? "";
                similar.Add(new SimilarTicket(t.Number, t.Title, fragments ? hit.Fragments.FirstOrDefault() : null,
                    resolution.Length > SimilarTicket.ResolutionLength ? resolution[..SimilarTicket.ResolutionLength] + "…" : resolution, t.ResolvedAt, opens.Allows(t)));
                if (similar.Count == MaxTickets) break;
            }
        }
        return new KnowledgeSuggestions(suggested, similar);
    }
}
