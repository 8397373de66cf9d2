using System.Text.Json.Nodes;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Audit;
using XinchuangFlow.Domain.Knowledge;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Knowledge;

/// <summary>What a caller sees of an article and may do with it now.</summary>
public sealed record ArticleView(ArticleRecord Record, bool SeesWorking, bool MayEdit, bool MaySubmit, bool MayReview)
{
    public KnowledgeArticle Article => Record.Article;
    /// <summary>The content this caller reads first: the working copy for its writers and reviewers, else the published one.</summary>
    public KnowledgeRevision Shown => SeesWorking || Record.Published is null ? Record.Working : Record.Published;
}

/// <summary>
/// The knowledge base's writing and review (KB-1), the one way in for pages and the API: technicians and enterprise
/// staff write drafts and submit them; the Data Bureau reviews through the shipped <c>knowledge-article</c> flow (its
/// tasks reach the reviewers' inbox); an edit of a published article is a new revision reviewed again while the
/// published one stays visible. Drafts are their enterprise's and the reviewers'; another tenant's draft does not exist
/// (a logged 404). Every change is audited and in the article's history.
/// </summary>
public sealed class KnowledgeService(IKnowledgeStore store, IKnowledgeSearch search, ITicketRepository numbers, WorkflowRuntime runtime,
    AccessService access, IAuditLog audit, TimeProvider clock)
{
    public const string NumberPrefix = "KB";

    public async Task<ArticleView> CreateAsync(Actor actor, ArticleContent content, CancellationToken ct = default)
    {
        if (!access.MayWriteKnowledge(actor)) throw access.Denied(actor, "write knowledge", "Technicians, enterprise staff and the Data Bureau write knowledge.");
        var clean = Checked(content);
        var now = clock.GetUtcNow();
        var article = new KnowledgeArticle
        {
            Id = Guid.CreateVersion7(), Number = $"{NumberPrefix}-{await numbers.NextSequenceAsync(NumberPrefix, ct):000000}", Status = ArticleStatus.Draft,
            EnterpriseId = actor.EnterpriseId, Author = actor.UserName!, CreatedAt = now, UpdatedAt = now,
        };
        var revision = new KnowledgeRevision { ArticleId = article.Id, Number = 1 };
        revision.Write(clean, actor.UserName!, now);
        await store.AddAsync(article, revision, actor.UserName!, ct);
        await AuditAsync(actor, article, "create", null, clean.Title, ct);
        return View(actor, new ArticleRecord(article, revision, null));
    }

    public async Task<ArticleView> GetAsync(Actor actor, string idOrNumber, CancellationToken ct = default) =>
        View(actor, await FindVisibleAsync(actor, idOrNumber, ct));

    /// <summary>Changes the working copy: a draft or a returned one in place; a published article gets a new revision (the published one stays visible).</summary>
    public async Task<ArticleView> UpdateAsync(Actor actor, string idOrNumber, ArticleContent content, CancellationToken ct = default)
    {
        if (!access.MayWriteKnowledge(actor)) throw access.Denied(actor, "edit knowledge", "Technicians, enterprise staff and the Data Bureau write knowledge.");
        var record = await FindVisibleAsync(actor, idOrNumber, ct);
        var article = record.Article;
        if (!access.MayEditKnowledge(actor, article)) throw access.Denied(actor, "edit knowledge", "Only its author's enterprise and the Data Bureau change an article.");
        if (!ArticleStatus.IsEditable(article.Status)) throw NotNow(article);
        var clean = Checked(content);
        var expected = article.Version;
        var now = clock.GetUtcNow();
        var fresh = article.Status == ArticleStatus.Published;
        var working = fresh ? new KnowledgeRevision { ArticleId = article.Id, Number = article.WorkingRevision + 1 } : record.Working;
        working.Write(clean, actor.UserName!, now);
        if (fresh) (article.WorkingRevision, article.Status) = (working.Number, ArticleStatus.Draft);
        article.UpdatedAt = now;
        article.Version++;
        await store.SaveWorkingAsync(article, expected, working, fresh, actor.UserName!, ct);
        await AuditAsync(actor, article, "update", record.Working.Title, clean.Title, ct);
        return View(actor, record with { Working = working });
    }

    /// <summary>Sends the working copy to review: a draft starts the review flow; a returned one completes its author's task to resubmit.</summary>
    public async Task<ArticleView> SubmitAsync(Actor actor, string idOrNumber, CancellationToken ct = default)
    {
        if (!access.MayWriteKnowledge(actor)) throw access.Denied(actor, "submit knowledge", "Technicians, enterprise staff and the Data Bureau submit knowledge.");
        var record = await FindVisibleAsync(actor, idOrNumber, ct);
        var article = record.Article;
        if (!access.MayEditKnowledge(actor, article)) throw access.Denied(actor, "submit knowledge", "Only its author's enterprise and the Data Bureau submit an article.");
        if (article.Status == ArticleStatus.Draft)
        {
            await runtime.StartAsync(new StartRequest(CaseFlows.KnowledgeArticle, new JsonObject
            {
                ["article"] = new JsonObject { ["id"] = article.Id.ToString(), ["number"] = article.Number, ["title"] = record.Working.Title, ["author"] = article.Author },
            }, CorrelationId: article.Number, User: actor.UserName), ct);
        }
        else if (article.Status == ArticleStatus.Returned && await OpenTaskAsync(article, TaskKinds.KnowledgeRevise, ct) is { } revise)
            await runtime.CompleteTaskAsync(revise.Id, KnowledgeOutcomes.Resubmit, [], actor.UserName, ct);
        else throw NotNow(article);
        await AuditAsync(actor, article, "submit", null, null, ct);
        return await GetAsync(actor, article.Id.ToString(), ct);
    }

    /// <summary>The Data Bureau's decision: approve (published) or return with a comment (required).</summary>
    public async Task<ArticleView> ReviewAsync(Actor actor, string idOrNumber, string? decision, string? comment, CancellationToken ct = default)
    {
        if (!access.MayReviewKnowledge(actor)) throw access.Denied(actor, "review knowledge", "The Data Bureau reviews knowledge.");
        var record = await FindVisibleAsync(actor, idOrNumber, ct);
        var article = record.Article;
        if (decision is not (KnowledgeOutcomes.Approve or KnowledgeOutcomes.Return))
            throw new InvalidInputException(Problem.Of(TextProblems.NotInList, "decision", "The decision is approve or return.", ("value", decision ?? "")));
        if (article.Status != ArticleStatus.Submitted || await OpenTaskAsync(article, TaskKinds.KnowledgeReview, ct) is not { } task) throw NotNow(article);
        await runtime.CompleteTaskAsync(task.Id, decision, new JsonObject { ["comment"] = comment }, actor.UserName, ct);
        await AuditAsync(actor, article, "review-" + decision, null, comment, ct);
        return await GetAsync(actor, article.Id.ToString(), ct);
    }

    /// <summary>What is wrong with a reason to retire an article, or null (pages ask before their confirmation).</summary>
    public static Problem? RetireReasonProblem(string? reason) => TextRules.Check(reason, "reason", 500, multiline: true);

    /// <summary>
    /// The Data Bureau retires a published article (outdated, wrong): readers no longer find it; its history and the
    /// tickets that cited it keep it. A reason is required.
    /// </summary>
    public async Task<ArticleView> RetireAsync(Actor actor, string idOrNumber, string? reason, CancellationToken ct = default)
    {
        if (!access.MayReviewKnowledge(actor)) throw access.Denied(actor, "retire knowledge", "The Data Bureau retires knowledge.");
        var record = await FindVisibleAsync(actor, idOrNumber, ct);
        var article = record.Article;
        if (RetireReasonProblem(reason) is { } problem) throw new InvalidInputException([problem]);
        if (article.Status != ArticleStatus.Published) throw NotNow(article);
        var expected = article.Version;
        (article.Status, article.UpdatedAt) = (ArticleStatus.Retired, clock.GetUtcNow());
        article.Version++;
        await store.RetireAsync(article, expected, actor.UserName!, reason!.Trim(), ct);
        await AuditAsync(actor, article, "retire", null, reason, ct);
        return View(actor, record);
    }

    /// <summary>The Data Bureau publishes a retired article again (a retirement by mistake): readers find it again; audited.</summary>
    public async Task<ArticleView> RestoreAsync(Actor actor, string idOrNumber, CancellationToken ct = default)
    {
        if (!access.MayReviewKnowledge(actor)) throw access.Denied(actor, "restore knowledge", "The Data Bureau restores knowledge.");
        var record = await FindVisibleAsync(actor, idOrNumber, ct);
        var article = record.Article;
        if (article.Status != ArticleStatus.Retired || article.PublishedRevision is null) throw NotNow(article);
        var expected = article.Version;
        (article.Status, article.UpdatedAt) = (ArticleStatus.Published, clock.GetUtcNow());
        article.Version++;
        await store.RestoreAsync(article, expected, actor.UserName!, ct);
        await AuditAsync(actor, article, "restore", ArticleStatus.Retired, ArticleStatus.Published, ct);
        return View(actor, record);
    }

    /// <summary>Why, by whom and when an article the caller may see was retired; null when it is not retired.</summary>
    public async Task<Retirement?> RetirementAsync(Actor actor, string idOrNumber, CancellationToken ct = default)
    {
        var record = await FindVisibleAsync(actor, idOrNumber, ct);
        if (record.Article.Status != ArticleStatus.Retired) return null;
        return (await store.RetirementsAsync(1, record.Article.Id, ct)).FirstOrDefault();
    }

    /// <summary>
    /// Searches the published articles (KB-2), best first, with highlighted fragments; a procurement unit finds only what
    /// is marked for users. <paramref name="take"/> is 1–50; <paramref name="skip"/> (0–1,000) passes over the hits of earlier pages.
    /// </summary>
    public async Task<KnowledgeSearchPage> SearchAsync(Actor actor, string? text, IReadOnlyList<string>? tags, int take, CancellationToken ct = default, int skip = 0)
    {
        if (!actor.IsAuthenticated) throw access.Denied(actor, "search knowledge", "Sign in to search the knowledge base.");
        if (take is < 1 or > MaxTake)
            throw new InvalidInputException(Problem.Of(RequestProblems.Take, "take", $"take is 1–{MaxTake}.", ("max", MaxTake)));
        if (skip is < 0 or > MaxSkip)
            throw new InvalidInputException(Problem.Of(RequestProblems.Range, "skip", $"skip is 0–{MaxSkip}.", ("min", 0), ("max", MaxSkip)));
        var clean = (tags ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => ArticleTags.Parse(t) is { } p ? ArticleTags.Normalize(p.Facet, p.Value) : t.Trim()).Take(ArticleTags.MaxTags).ToList();
        return await search.SearchAsync(new KnowledgeSearchQuery(text, clean, !access.MaySeePublishedKnowledge(actor, forUsers: false), take, Skip: skip), ct);
    }

    /// <summary>
    /// The articles being written or reviewed that the caller may see: the reviewers all of them, writers their
    /// enterprise's (and their own), others none.
    /// </summary>
    public async Task<IReadOnlyList<ArticleView>> ListWorkingAsync(Actor actor, CancellationToken ct = default)
    {
        if (!access.MayReviewKnowledge(actor) && !access.MayWriteKnowledge(actor)) return [];
        var rows = await store.ListWorkingAsync(actor.EnterpriseId, actor.UserName, all: access.MayReviewKnowledge(actor), take: 200, ct);
        return rows.Where(r => access.MaySeeKnowledgeDraft(actor, r.Article)).Select(r => View(actor, r)).ToList();
    }

    /// <summary>The numbers of the articles of a search's hits (pages link them by number).</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> NumbersAsync(IReadOnlyList<Guid> ids, CancellationToken ct = default) =>
        (await store.FindManyAsync(ids, ct)).ToDictionary(a => a.Id, a => a.Number);

    /// <summary>The most hits a search answers.</summary>
    public const int MaxTake = 50;
    public const int MaxSkip = 1_000;

    private async Task<HumanTask?> OpenTaskAsync(KnowledgeArticle article, string kind, CancellationToken ct) =>
        article.ReviewInstanceId is { } instance
            ? (await runtime.Store.ListTasksAsync(new TaskQuery(InstanceId: instance, Status: HumanTaskStatus.Open, TaskKind: kind), ct)).FirstOrDefault()
            : null;

    /// <summary>The article when the caller may see it at all (its published version, or its draft); another tenant's draft is a logged 404.</summary>
    private async Task<ArticleRecord> FindVisibleAsync(Actor actor, string idOrNumber, CancellationToken ct)
    {
        var record = await store.FindAsync(idOrNumber, ct);
        if (record is null) throw access.NotFound(actor, "article", idOrNumber);
        var seesPublished = record.Published is { } p && record.Article.IsPublished && access.MaySeePublishedKnowledge(actor, p.ForUsers);
        if (!seesPublished && !access.MaySeeKnowledgeDraft(actor, record.Article)) throw access.NotFound(actor, "article", idOrNumber, "outside the caller's scope");
        return record;
    }

    private ArticleView View(Actor actor, ArticleRecord record)
    {
        var a = record.Article;
        var seesWorking = access.MaySeeKnowledgeDraft(actor, a);
        var mayEdit = access.MayEditKnowledge(actor, a) && ArticleStatus.IsEditable(a.Status);
        return new ArticleView(record, seesWorking, mayEdit, mayEdit && a.Status is ArticleStatus.Draft or ArticleStatus.Returned,
            access.MayReviewKnowledge(actor) && a.Status == ArticleStatus.Submitted);
    }

    private static ArticleContent Checked(ArticleContent content)
    {
        var clean = content.Clean();
        if (clean.Validate() is { Count: > 0 } problems) throw new InvalidInputException(problems);
        return clean;
    }

    private static StateConflictException NotNow(KnowledgeArticle article) =>
        new(Problem.Of(KnowledgeProblems.NotNow, null, $"Article {article.Number} is {article.Status}.", ("articleStatus", article.Status)));

    private Task AuditAsync(Actor actor, KnowledgeArticle article, string action, string? before, string? after, CancellationToken ct) =>
        audit.RecordAsync(new AuditEntry
        {
            Id = Guid.CreateVersion7(), At = clock.GetUtcNow(), User = actor.UserName, EntityKind = KnowledgeArticle.Kind, EntityId = article.Number,
            Action = action, Version = article.WorkingRevision, Before = before, After = after,
        }, ct);
}
