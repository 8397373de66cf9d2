using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Knowledge;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Activities.Builtin;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Cases.Activities;

/// <summary>
/// How the review flow's steps reach the article under review: joined to the burst once (a guarded update, as a case
/// is), its working revision staged as an update guarded by when it was last edited. Every change leaves a line in the
/// article's history.
/// </summary>
public sealed class KnowledgeSession(IKnowledgeRepository repository)
{
    public async Task<(KnowledgeArticle Article, KnowledgeRevision Revision)> ArticleAsync(ActivityContext context)
    {
        var article = context.Joined<KnowledgeArticle>() ?? context.Join(await repository.FindByReviewInstanceAsync(context.Instance.Id, context.Cancellation)
            ?? (Guid.TryParse(context.Instance.Variables["article"]?["id"]?.GetValue<string>(), out var id) ? await repository.FindAsync(id, context.Cancellation) : null)
            ?? throw new InvalidOperationException($"Instance {context.Instance.Id} reviews no knowledge article; it is started by submitting one."));
        var key = new BurstKey<KnowledgeRevision>("xf.kb.revision");
        if (!context.Items.TryGet(key, out var revision))
        {
            revision = await repository.FindRevisionAsync(article.Id, article.WorkingRevision, context.Cancellation)
                       ?? throw new InvalidOperationException($"Article {article.Number} has no revision {article.WorkingRevision}.");
            context.StageUpdate(revision, nameof(KnowledgeRevision.EditedAt), revision.EditedAt);
            context.Items.Set(key, revision);
        }
        return (article, revision);
    }

    /// <summary>What readers can find changed: the search indexes of every node pick it up from the database.</summary>
    public static void Changed(IBurstWork work, KnowledgeArticle article) =>
        work.StageInsert(new KnowledgeChange { ArticleId = article.Id, At = work.Now });

    /// <summary>The reviewer's decision on the revision (who, when, the comment).</summary>
    public static void Decide(ActivityContext context, KnowledgeRevision revision, string decision) =>
        (revision.Decision, revision.ReviewedBy, revision.ReviewedAt, revision.ReviewComment) = (decision, context.User, context.Now, context.GetString("comment"));

    public static void Move(ActivityContext context, KnowledgeArticle article, string status, string kind, JsonObject? data = null)
    {
        var from = article.Status;
        article.Status = status;
        article.UpdatedAt = context.Now;
        context.Record(article, kind, null, data, from);
    }
}

/// <summary>Takes the article into review: this instance reviews its working revision (started when the author submits).</summary>
[Activity("xf.knowledge.Submit", DomainCategories.Knowledge, "提交知识审核", "Submit article",
    DescriptionZh = "文章进入审核：本流程审核其当前修订。", DescriptionEn = "The article goes into review: this flow reviews its working revision.")]
public sealed class SubmitArticleActivity(KnowledgeSession knowledge) : IActivity
{
    public ActivitySpec Spec { get; } = new([], ["done"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var (article, revision) = await knowledge.ArticleAsync(context);
        if (article.Status is not (ArticleStatus.Draft or ArticleStatus.Returned))
            throw new InvalidOperationException($"Article {article.Number} is {article.Status}; only a draft is submitted.");
        article.ReviewInstanceId = context.Instance.Id;
        revision.SubmittedAt = context.Now;
        KnowledgeSession.Move(context, article, ArticleStatus.Submitted, "submitted", new JsonObject { ["revision"] = revision.Number });
        return ActivityResult.Done("done");
    }
}

/// <summary>The reviewer's task: approve, or return with a comment saying what to change (the comment is required then).</summary>
[Activity("xf.knowledge.ReviewTask", DomainCategories.Knowledge, "知识审核任务", "Knowledge review task",
    DescriptionZh = "数据局审核知识文章：通过或退回；退回须填写意见。", DescriptionEn = "The Data Bureau reviews an article: approve, or return with a comment.")]
public sealed class KnowledgeReviewTaskActivity : UserTaskActivity, ITaskCompletionRules
{
    public IReadOnlyList<Problem> CheckCompletion(HumanTask task, string outcome, JsonObject data) =>
        outcome == KnowledgeOutcomes.Return && !Domain.Tickets.TextRules.HasVisibleText(data["comment"]?.GetValue<string>() ?? "")
            ? [Problem.Of(KnowledgeProblems.CommentRequired, "comment", "A return needs the reviewer's comment.")]
            : [];
}

/// <summary>Publishes the revision under review: readers now see it (a former published version is replaced).</summary>
[Activity("xf.knowledge.Publish", DomainCategories.Knowledge, "发布知识", "Publish article",
    DescriptionZh = "发布审核通过的版本；此前发布的版本被替换。", DescriptionEn = "Publishes the approved revision, replacing the one published before.")]
public sealed class PublishArticleActivity(KnowledgeSession knowledge) : IActivity
{
    public ActivitySpec Spec { get; } = new([new InputDescriptor("comment", InputKind.Text, "审核意见", "Reviewer's comment")], ["done"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var (article, revision) = await knowledge.ArticleAsync(context);
        KnowledgeSession.Decide(context, revision, KnowledgeOutcomes.Approve);
        article.PublishedRevision = revision.Number;
        article.PublishedAt = context.Now;
        article.ReviewInstanceId = null;
        KnowledgeSession.Move(context, article, ArticleStatus.Published, "published", new JsonObject { ["revision"] = revision.Number, ["comment"] = revision.ReviewComment });
        KnowledgeSession.Changed(context, article);
        return ActivityResult.Done("done");
    }
}

/// <summary>Returns the revision to its author with the reviewer's comment; the published version, if any, stays visible.</summary>
[Activity("xf.knowledge.Return", DomainCategories.Knowledge, "退回知识", "Return article",
    DescriptionZh = "把文章退回作者修改，附审核意见。", DescriptionEn = "Returns the article to its author with the reviewer's comment.")]
public sealed class ReturnArticleActivity(KnowledgeSession knowledge) : IActivity
{
    public ActivitySpec Spec { get; } = new([new InputDescriptor("comment", InputKind.Text, "审核意见", "Reviewer's comment", Required: true)], ["done"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var (article, revision) = await knowledge.ArticleAsync(context);
        KnowledgeSession.Decide(context, revision, KnowledgeOutcomes.Return);
        KnowledgeSession.Move(context, article, ArticleStatus.Returned, "returned", new JsonObject { ["revision"] = revision.Number, ["comment"] = revision.ReviewComment });
        return ActivityResult.Done("done");
    }
}

/// <summary>The author sends the changed revision back for review.</summary>
[Activity("xf.knowledge.Resubmit", DomainCategories.Knowledge, "重新提交知识", "Resubmit article",
    DescriptionZh = "作者修改后重新提交审核。", DescriptionEn = "The author submits the changed article for review again.")]
public sealed class ResubmitArticleActivity(KnowledgeSession knowledge) : IActivity
{
    public ActivitySpec Spec { get; } = new([], ["done"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var (article, revision) = await knowledge.ArticleAsync(context);
        revision.SubmittedAt = context.Now;
        (revision.Decision, revision.ReviewedBy, revision.ReviewedAt) = (null, null, null);
        KnowledgeSession.Move(context, article, ArticleStatus.Submitted, "submitted", new JsonObject { ["revision"] = revision.Number });
        return ActivityResult.Done("done");
    }
}

/// <summary>The author withdraws the article from review: it is a draft again (a published version stays published).</summary>
[Activity("xf.knowledge.Withdraw", DomainCategories.Knowledge, "撤回知识", "Withdraw article",
    DescriptionZh = "作者撤回审核，文章回到草稿；已发布的版本仍然可见。", DescriptionEn = "The author withdraws the article; it is a draft again, a published version stays visible.")]
public sealed class WithdrawArticleActivity(KnowledgeSession knowledge) : IActivity
{
    public ActivitySpec Spec { get; } = new([], ["done"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var (article, _) = await knowledge.ArticleAsync(context);
        article.ReviewInstanceId = null;
        KnowledgeSession.Move(context, article, ArticleStatus.Draft, "withdrawn");
        return ActivityResult.Done("done");
    }
}
