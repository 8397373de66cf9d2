using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using XinchuangFlow.Domain.Knowledge;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Infrastructure.Persistence;
using XinchuangFlow.Infrastructure.Tests.Support;

namespace XinchuangFlow.Infrastructure.Tests;

/// <summary>
/// Issue 22 (KB-1): an article's review is the shipped <c>knowledge-article</c> flow run by the engine — submitted,
/// returned with a comment, changed and submitted again, approved and published — on SQLite and PostgreSQL; each step
/// leaves a line in the article's history and a publication a change the search indexes follow.
/// </summary>
public abstract class KnowledgeReviewFlowTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
    private EngineHarness _h = null!;
    protected abstract ITestDatabases Databases { get; }

    public async Task InitializeAsync()
    {
        _h = await EngineHarness.StartAsync(Databases.Provider, await Databases.CreateAsync(), new FakeTimeProvider(T0));
        await _h.Initializer.ImportAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        await Databases.DisposeAsync();
    }

    private IDbContextFactory<XfDbContext> Db => _h.Services.GetRequiredService<IDbContextFactory<XfDbContext>>();

    [Fact]
    public async Task Submitted_Returned_Resubmitted_Approved_IsPublished_WithItsHistory()
    {
        var article = new KnowledgeArticle { Id = Guid.CreateVersion7(), Number = "KB-000001", Author = "tech@test", CreatedAt = T0, UpdatedAt = T0 };
        var revision = new KnowledgeRevision { ArticleId = article.Id, Number = 1 };
        revision.Write(new ArticleContent(ArticleKinds.Common, "打印机驱动安装失败", "依赖错误", null, "1. 安装依赖", ["category:peripheral"], true).Clean(), "tech@test", T0);
        await using (var db = await Db.CreateDbContextAsync())
        {
            db.AddRange(article, revision);
            await db.SaveChangesAsync();
        }

        var instance = await _h.Runtime.StartAsync(new StartRequest(CaseFlows.KnowledgeArticle,
            new JsonObject { ["article"] = new JsonObject { ["id"] = article.Id.ToString(), ["number"] = article.Number, ["title"] = revision.Title, ["author"] = article.Author } },
            CorrelationId: article.Number, User: "tech@test"));
        var review = await _h.OpenTaskAsync(instance.Id, "review");
        Assert.Equal((TaskKinds.KnowledgeReview, "DataBureauAdmin"), (review.TaskKind, review.AssigneeRole));
        Assert.Equal(ArticleStatus.Submitted, (await ArticleAsync(article.Id)).Status);

        // A return needs the reviewer's comment; with it, the author has the article back with a task to revise it.
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => _h.Runtime.CompleteTaskAsync(review.Id, KnowledgeOutcomes.Return, [], "admin@test"));
        Assert.Equal(KnowledgeProblems.CommentRequired, Assert.Single(refused.Problems).Code);
        await _h.Runtime.CompleteTaskAsync(review.Id, KnowledgeOutcomes.Return, new JsonObject { ["comment"] = "请补充适用的驱动版本" }, "admin@test");
        var revise = await _h.OpenTaskAsync(instance.Id);
        Assert.Equal((TaskKinds.KnowledgeRevise, "tech@test"), (revise.TaskKind, revise.AssigneeUser));
        Assert.Equal("请补充适用的驱动版本", revise.Description);
        var returned = await ArticleAsync(article.Id);
        Assert.Equal((ArticleStatus.Returned, (int?)null), (returned.Status, returned.PublishedRevision));

        await _h.Runtime.CompleteTaskAsync(revise.Id, KnowledgeOutcomes.Resubmit, [], "tech@test");
        var again = await _h.OpenTaskAsync(instance.Id, "review");
        Assert.Equal(ArticleStatus.Submitted, (await ArticleAsync(article.Id)).Status);
        await _h.Runtime.CompleteTaskAsync(again.Id, KnowledgeOutcomes.Approve, new JsonObject { ["comment"] = "内容完整" }, "admin@test");

        var published = await ArticleAsync(article.Id);
        Assert.Equal((ArticleStatus.Published, (int?)1, (Guid?)null), (published.Status, published.PublishedRevision, published.ReviewInstanceId));
        Assert.Equal(WorkflowStatus.Finished, (await _h.InstanceAsync(instance.Id)).Status);
        await using (var db = await Db.CreateDbContextAsync())
        {
            var stored = await db.KnowledgeRevisions.SingleAsync(r => r.ArticleId == article.Id);
            Assert.Equal((KnowledgeOutcomes.Approve, "admin@test", "内容完整"), (stored.Decision, stored.ReviewedBy, stored.ReviewComment));
            Assert.Single(await db.KnowledgeChanges.Where(c => c.ArticleId == article.Id).ToListAsync());   // readers can find it now
            var history = await db.CaseEvents.Where(e => e.CaseId == article.Id).OrderBy(e => e.Sequence).Select(e => e.Kind).ToListAsync();
            Assert.Equal(["submitted", "returned", "submitted", "published"], history);
        }
    }

    private async Task<KnowledgeArticle> ArticleAsync(Guid id)
    {
        await using var db = await Db.CreateDbContextAsync();
        return await db.KnowledgeArticles.AsNoTracking().SingleAsync(a => a.Id == id);
    }
}

public sealed class SqliteKnowledgeReviewFlowTests : KnowledgeReviewFlowTests
{
    protected override ITestDatabases Databases { get; } = new SqliteDatabases();
}

public sealed class PostgreSqlKnowledgeReviewFlowTests : KnowledgeReviewFlowTests
{
    protected override ITestDatabases Databases { get; } = new PostgreSqlDatabases();
}
