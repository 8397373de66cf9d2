using Microsoft.Extensions.Configuration;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using XinchuangFlow.Application.Access;
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

    [Fact]
    public async Task TheService_WritesSubmitsReviewsAndPublishes_WithinEachCallersScope()
    {
        var service = _h.Services.GetRequiredService<XinchuangFlow.Application.Knowledge.KnowledgeService>();
        Guid ours = Guid.CreateVersion7(), theirs = Guid.CreateVersion7();
        var tech = Actor.Of("tech@test", [Roles.Technician], enterpriseId: ours);
        var colleague = Actor.Of("manager@test", [Roles.EnterpriseManager], enterpriseId: ours);
        var stranger = Actor.Of("other@test", [Roles.Technician], enterpriseId: theirs);
        var bureau = Actor.Of("admin@test", [Roles.DataBureauAdmin]);
        var unit = Actor.Of("unit@test", [Roles.ProcurementUser]);
        var content = new ArticleContent(ArticleKinds.Guide, "统信UOS 1060 黑屏处理", "开机后黑屏", "显卡驱动不兼容", "1. 进入恢复模式\n2. 更换驱动", ["os:统信UOS 20 1060", "category:os"], ForUsers: false);

        var created = await service.CreateAsync(tech, content);
        var number = created.Article.Number;
        Assert.StartsWith("KB-", number);
        Assert.Equal((ArticleStatus.Draft, true, true), (created.Article.Status, created.MayEdit, created.MaySubmit));
        // A draft is its enterprise's and the reviewers': another enterprise's technician and a unit are told it does not exist.
        Assert.Equal(number, (await service.GetAsync(colleague, number)).Article.Number);
        await Assert.ThrowsAsync<NotFoundException>(() => service.GetAsync(stranger, number));
        await Assert.ThrowsAsync<NotFoundException>(() => service.GetAsync(unit, number));
        await Assert.ThrowsAsync<ForbiddenException>(() => service.CreateAsync(unit, content));
        await Assert.ThrowsAsync<InvalidInputException>(() => service.CreateAsync(tech, content with { Title = " ", Tags = ["colour:red"] }));

        var submitted = await service.SubmitAsync(tech, number);
        Assert.Equal(ArticleStatus.Submitted, submitted.Article.Status);
        await Assert.ThrowsAsync<ForbiddenException>(() => service.ReviewAsync(tech, number, KnowledgeOutcomes.Approve, null));
        Assert.Equal(KnowledgeProblems.CommentRequired,
            Assert.Single((await Assert.ThrowsAsync<InvalidInputException>(() => service.ReviewAsync(bureau, number, KnowledgeOutcomes.Return, " "))).Problems).Code);
        Assert.Equal(ArticleStatus.Returned, (await service.ReviewAsync(bureau, number, KnowledgeOutcomes.Return, "请写明适用的显卡型号")).Article.Status);
        await service.UpdateAsync(tech, number, content with { Steps = "1. 进入恢复模式\n2. 安装 5.2 版驱动（适用 R7 340）" });
        Assert.Equal(ArticleStatus.Submitted, (await service.SubmitAsync(tech, number)).Article.Status);
        var published = await service.ReviewAsync(bureau, number, KnowledgeOutcomes.Approve, "可以发布");
        Assert.Equal((ArticleStatus.Published, (int?)1), (published.Article.Status, published.Article.PublishedRevision));

        // Published, not for units: every agent reads it; a unit still does not.
        Assert.Contains("5.2 版驱动", (await service.GetAsync(stranger, number)).Shown.Steps);
        await Assert.ThrowsAsync<NotFoundException>(() => service.GetAsync(unit, number));
        // An edit is a new revision under review while the published one stays what readers see.
        var edit = await service.UpdateAsync(colleague, number, content with { Title = "统信UOS 1060 黑屏（显卡驱动）处理", ForUsers = true });
        Assert.Equal((ArticleStatus.Draft, 2, (int?)1), (edit.Article.Status, edit.Article.WorkingRevision, edit.Article.PublishedRevision));
        var readers = await service.GetAsync(stranger, number);
        Assert.Equal(("统信UOS 1060 黑屏处理", false), (readers.Shown.Title, readers.SeesWorking));
        Assert.Equal("统信UOS 1060 黑屏（显卡驱动）处理", (await service.GetAsync(tech, number)).Shown.Title);
    }

    [Fact]
    public async Task TheIndex_FollowsTheDatabase_AndANodeThatStoppedBeforeIndexing_FindsTheArticleWhenItComesBack()
    {
        var service = _h.Services.GetRequiredService<XinchuangFlow.Application.Knowledge.KnowledgeService>();
        var tech = Actor.Of("tech@test", [Roles.Technician], enterpriseId: Guid.CreateVersion7());
        var bureau = Actor.Of("admin@test", [Roles.DataBureauAdmin]);
        async Task<string> PublishAsync(string title, string steps, bool forUsers)
        {
            var a = await service.CreateAsync(tech, new ArticleContent(ArticleKinds.Common, title, null, null, steps, ["category:os"], forUsers));
            await service.SubmitAsync(tech, a.Article.Number);
            await service.ReviewAsync(bureau, a.Article.Number, KnowledgeOutcomes.Approve, null);
            return a.Article.Id.ToString();
        }
        var folder = Path.Combine(Path.GetTempPath(), "xf-kb-" + Guid.NewGuid().ToString("N"));
        var config = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Knowledge:IndexPath"] = folder }).Build();
        XinchuangFlow.Infrastructure.Knowledge.KnowledgeIndexer Node() => new(Db, config,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<XinchuangFlow.Infrastructure.Knowledge.KnowledgeIndexer>.Instance);
        static XinchuangFlow.Application.Knowledge.KnowledgeSearchQuery Q(string text) => new(text, [], false, 10);
        try
        {
            var printer = await PublishAsync("银河麒麟V10 打印机驱动安装失败", "1. 安装 cups 依赖", forUsers: true);
            var first = Node();
            Assert.Equal(Guid.Parse(printer), Assert.Single((await first.SearchAsync(Q("麒麟 打印机"))).Hits).Id);
            first.Dispose();                                                   // the node stops

            // Published while the node is down: committed in the database, not in its index.
            var screen = await PublishAsync("统信UOS 1060 开机黑屏", "1. 进入恢复模式", forUsers: false);
            using var back = Node();                                           // the node comes back: same folder, its last change remembered
            var hits = (await back.SearchAsync(Q("UOS 1060 黑屏"))).Hits;
            Assert.Equal(Guid.Parse(screen), hits[0].Id);
            Assert.Contains("<mark>", hits[0].TitleHtml);
            Assert.Empty((await back.SearchAsync(Q("UOS 1060 黑屏") with { ForUsersOnly = true })).Hits);   // a unit's search: not marked for users
            // Through the use case: a unit finds what is marked for users only.
            var unit = Actor.Of("unit@test", [Roles.ProcurementUser]);
            Assert.DoesNotContain((await service.SearchAsync(unit, "UOS 1060 黑屏", null, 10)).Hits, h => h.Id == Guid.Parse(screen));
            Assert.Contains((await service.SearchAsync(tech, "UOS 1060 黑屏", null, 10)).Hits, h => h.Id == Guid.Parse(screen));
            await Assert.ThrowsAsync<InvalidInputException>(() => service.SearchAsync(tech, "黑屏", null, 0));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
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
