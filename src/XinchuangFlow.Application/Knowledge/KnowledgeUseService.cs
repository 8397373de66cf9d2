using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Audit;
using XinchuangFlow.Application.Tickets;
using XinchuangFlow.Domain.Knowledge;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Application.Knowledge;

/// <summary>
/// How an article is used: the resolutions that cite it ("this solved it") and the readers' "useful?" answers;
/// <see cref="Mine"/> is the caller's; <see cref="OutOfService"/> the tags of the article naming a platform the Data
/// Bureau has marked out of service (the article may be outdated).
/// </summary>
public sealed record ArticleUsage(int Solved, int Useful, int NotUseful, bool? Mine, IReadOnlyList<string>? OutOfService = null);

/// <summary>An article named in a list: its number, the title readers see, a figure (how many citations or votes); <see cref="Retired"/> when it is no longer read.</summary>
public sealed record ArticleLine(string Number, string Title, int Figure = 0, string? Tag = null, bool Retired = false, string? Note = null);

/// <summary>What the reviewers look at to keep the knowledge base worth reading.</summary>
public sealed record KnowledgeInsights(
    IReadOnlyList<ArticleLine> MostUsed, IReadOnlyList<ArticleLine> NeverUsed, IReadOnlyList<ArticleLine> NotUseful,
    IReadOnlyList<ArticleLine> Outdated, IReadOnlyList<RetiredPlatform> RetiredPlatforms, IReadOnlyList<Retirement> Retired);

/// <summary>
/// The use of published knowledge (KB-1): readers answer "useful?"; a ticket's resolution cites articles (counted as
/// "this solved it", shown on the ticket); authors attach files and images to their article; the reviewers see the
/// most-used, never-used, least useful and outdated articles, and keep the list of platforms no longer in service.
/// </summary>
public sealed class KnowledgeUseService(KnowledgeService articles, IKnowledgeStore store, IKnowledgeSearch search, AttachmentService files, IAttachmentStore attachments,
    CaseQueryService tickets, AccessService access, IAuditLog audit, TimeProvider clock)
{
    /// <summary>The audit trail's kind of a platform marked out of service or in service again.</summary>
    public const string PlatformAuditKind = "knowledge-platform";

    /// <summary>Articles a list shows at most.</summary>
    public const int ListSize = 10;

    public async Task<ArticleUsage> UsageAsync(Actor actor, string idOrNumber, CancellationToken ct = default)
    {
        var view = await articles.GetAsync(actor, idOrNumber, ct);
        return await WithPlatformsAsync(view, await store.UsageAsync(view.Article.Id, actor.UserName, ct), ct);
    }

    private async Task<ArticleUsage> WithPlatformsAsync(ArticleView view, ArticleUsage usage, CancellationToken ct)
    {
        var retired = (await store.RetiredPlatformsAsync(ct)).Select(p => p.Tag).ToHashSet(StringComparer.Ordinal);
        return usage with { OutOfService = view.Shown.Tags.Where(retired.Contains).ToList() };
    }

    /// <summary>The caller's "useful?" answer for a published article they may read (a second answer replaces the first).</summary>
    public async Task<ArticleUsage> VoteAsync(Actor actor, string idOrNumber, bool useful, CancellationToken ct = default)
    {
        access.EnsureMayChange(actor, "vote on knowledge");
        var view = await articles.GetAsync(actor, idOrNumber, ct);
        if (!view.Article.IsPublished) throw new StateConflictException(Problem.Of(KnowledgeProblems.NotNow, null, $"Article {view.Article.Number} is not published.", ("articleStatus", view.Article.Status)));
        await store.VoteAsync(new KnowledgeVote { ArticleId = view.Article.Id, User = actor.UserName!, Useful = useful, At = clock.GetUtcNow() }, ct);
        return await WithPlatformsAsync(view, await store.UsageAsync(view.Article.Id, actor.UserName, ct), ct);
    }

    /// <summary>The articles a ticket's resolution cites, those the caller may read (a ticket outside the caller's scope is a logged 404).</summary>
    public async Task<IReadOnlyList<ArticleLine>> CitedOnTicketAsync(Actor actor, string ticketIdOrNumber, CancellationToken ct = default)
    {
        var ticket = await tickets.GetTicketAsync(actor, ticketIdOrNumber, ct);
        return await CitedAsync(actor, ticket, ct);
    }

    /// <summary>
    /// The articles a ticket the caller has already found cites, those the caller may read; an article retired since is
    /// still named (by its last published title), marked retired.
    /// </summary>
    public async Task<IReadOnlyList<ArticleLine>> CitedAsync(Actor actor, Ticket ticket, CancellationToken ct = default)
    {
        var numbers = CitedArticles.Parse(ticket.CitedArticles);
        if (numbers.Count == 0) return [];
        var published = await store.PublishedAsync(numbers, ct, andRetired: true);
        return published.Where(r => access.MaySeePublishedKnowledge(actor, r.Published!.ForUsers))
            .Select(r => new ArticleLine(r.Article.Number, r.Published!.Title, Retired: !r.Article.IsPublished)).ToList();
    }

    public async Task<IReadOnlyList<AttachmentInfo>> FilesAsync(Actor actor, string idOrNumber, CancellationToken ct = default)
    {
        var view = await articles.GetAsync(actor, idOrNumber, ct);
        return await attachments.ListAsync(view.Article.Id, ct);
    }

    /// <summary>A file of an article the caller may read; otherwise a logged 404.</summary>
    public async Task<Attachment> FileAsync(Actor actor, string idOrNumber, Guid id, CancellationToken ct = default)
    {
        var view = await articles.GetAsync(actor, idOrNumber, ct);
        return await attachments.FindAsync(view.Article.Id, id, ct)
               ?? throw access.NotFound(actor, "attachment", id);
    }

    /// <summary>Adds a file or image to an article its author's enterprise (or the Data Bureau) may edit; checked by content like a ticket's files.</summary>
    public async Task<AttachmentInfo> AddFileAsync(Actor actor, string idOrNumber, string? fileName, Stream content, CancellationToken ct = default)
    {
        if (!access.MayWriteKnowledge(actor)) throw access.Denied(actor, "add a file to knowledge", "Technicians, enterprise staff and the Data Bureau write knowledge.");
        var view = await articles.GetAsync(actor, idOrNumber, ct);
        if (!access.MayEditKnowledge(actor, view.Article)) throw access.Denied(actor, "add a file to knowledge", "Only its author's enterprise and the Data Bureau change an article.");
        var info = await files.UploadToAsync(view.Article.Id, fileName, content, actor.UserName, ct);
        await audit.RecordAsync(new AuditEntry
        {
            Id = Guid.CreateVersion7(), At = clock.GetUtcNow(), User = actor.UserName, EntityKind = KnowledgeArticle.Kind, EntityId = view.Article.Number,
            Action = "add-file", Version = view.Article.WorkingRevision, After = info.FileName,
        }, ct);
        return info;
    }

    /// <summary>The reviewers' view: most used, never used (published at least <paramref name="quietDays"/> days ago), least useful, outdated.</summary>
    public async Task<KnowledgeInsights> InsightsAsync(Actor actor, int quietDays = 90, CancellationToken ct = default)
    {
        if (!access.MayReviewKnowledge(actor)) throw access.Denied(actor, "read knowledge insights", "The Data Bureau reviews knowledge.");
        if (quietDays is < 0 or > 3650)
            throw new InvalidInputException(Problem.Of(RequestProblems.Range, "quietDays", "quietDays is 0–3650.", ("min", 0), ("max", 3650)));
        var retired = await store.RetiredPlatformsAsync(ct);
        var outdated = new List<ArticleLine>();
        foreach (var platform in retired)
        {
            var hits = await search.SearchAsync(new KnowledgeSearchQuery(null, [platform.Tag], false, ListSize), ct);
            var numbers = await articles.NumbersAsync(hits.Hits.Select(h => h.Id).ToList(), ct);
            outdated.AddRange(hits.Hits.Where(h => numbers.ContainsKey(h.Id))
                .Select(h => new ArticleLine(numbers[h.Id], System.Net.WebUtility.HtmlDecode(h.TitleHtml), Tag: platform.Tag)));
        }
        return new KnowledgeInsights(
            await store.MostCitedAsync(ListSize, ct),
            await store.NeverCitedAsync(clock.GetUtcNow().AddDays(-quietDays), ListSize, ct),
            await store.LeastUsefulAsync(ListSize, ct),
            outdated.DistinctBy(a => a.Number).ToList(),
            retired,
            await store.RetirementsAsync(ListSize * 2, ct: ct));
    }

    /// <summary>Marks a platform (an OS, CPU or software tag) as no longer in service, or in service again; audited.</summary>
    public async Task SetRetiredAsync(Actor actor, string? tag, bool retired, CancellationToken ct = default)
    {
        if (!access.MayReviewKnowledge(actor)) throw access.Denied(actor, "retire a platform", "The Data Bureau reviews knowledge.");
        if (tag?.IndexOf(':') is > 0 and var at && !TextRules.HasVisibleText(tag[(at + 1)..]))
            throw new InvalidInputException(Problem.Of(TextProblems.Required, "tag", "Name the platform or version."));
        var clean = ArticleTags.Clean(tag);
        if (clean is null)
            throw new InvalidInputException(Problem.Of(KnowledgeProblems.BadTag, "tag", $"'{tag}' is not a tag (facet:value).", ("value", tag ?? "")));
        if (ArticleTags.Check(clean) is { } problem) throw new InvalidInputException(problem with { Field = "tag" });
        if (retired) await store.RetirePlatformAsync(new RetiredPlatform { Tag = clean, By = actor.UserName!, At = clock.GetUtcNow() }, ct);
        else await store.RestorePlatformAsync(clean, ct);
        await audit.RecordAsync(new AuditEntry
        {
            Id = Guid.CreateVersion7(), At = clock.GetUtcNow(), User = actor.UserName, EntityKind = PlatformAuditKind, EntityId = clean,
            Action = retired ? "retire" : "restore",
        }, ct);
    }
}
