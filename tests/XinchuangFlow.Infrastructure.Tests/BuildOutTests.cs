using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Assessment;
using XinchuangFlow.Domain.Assessment;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Infrastructure.Persistence;
using XinchuangFlow.Infrastructure.Tests.Support;

namespace XinchuangFlow.Infrastructure.Tests;

/// <summary>
/// The build-out evaluation (ASM-4) on a real database: the Data Bureau opens it with the award day (due two months
/// later, overdue after), the enterprise's own manager writes and submits it with evidence, the measured items are filled
/// in from the network and explained, a second submission is refused, the Bureau scores, returns and confirms; a fail
/// records a rectification order on the enterprise; every step is in the history and audited with before and after; who
/// reads and who may act is the access service's, and every refusal is logged.
/// </summary>
public abstract class BuildOutTests : IAsyncLifetime
{
    // 2026-12-01 09:00 China time.
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 1, 0, 0, TimeSpan.Zero);
    private EngineHarness _h = null!;
    private ScenarioNetwork _net = null!;
    private Enterprise _other = null!;
    private readonly RefusalLog _refusals = new();
    protected abstract ITestDatabases Databases { get; }

    private BuildOutService BuildOut => _h.Services.GetRequiredService<BuildOutService>();
    private IDbContextFactory<XfDbContext> Db => _h.Services.GetRequiredService<IDbContextFactory<XfDbContext>>();
    private static readonly Actor Bureau = Actor.Of("bureau@test", [Roles.DataBureauAdmin]);
    private static readonly Actor Office = Actor.Of("office@test", [Roles.IntranetSupervisor]);
    private static readonly Actor Nanning = Actor.Of("coord-nn@test", [Roles.MunicipalCoordinator], cityCode: "4501");
    private static readonly Actor Unit = Actor.Of("unit@test", [Roles.ProcurementUser]);
    private Guid Enterprise => _net.ValidNanning.EnterpriseId;
    private Actor Manager => Actor.Of("manager@test", [Roles.EnterpriseManager], Enterprise);
    private Actor OtherManager => Actor.Of("other@test", [Roles.EnterpriseManager], _other.Id);

    public async Task InitializeAsync()
    {
        _h = await EngineHarness.StartAsync(Databases.Provider, await Databases.CreateAsync(), new FakeTimeProvider(T0),
            configure: services => services.AddSingleton<ILoggerProvider>(_refusals));
        _net = await ScenarioNetwork.CreateAsync(Db);
        _other = new Enterprise(Guid.CreateVersion7(), "另一集成商", EnterpriseKind.Integrator, ShortlistStatus.Active);
        await using var db = await Db.CreateDbContextAsync();
        db.Enterprises.Add(_other);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        await Databases.DisposeAsync();
    }

    private static Stream Pdf() => new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"));

    [Fact]
    public async Task TheManagerSubmits_TheBureauReturnsScoresAndConfirms_AFailOrdersRectification_AndEveryStepIsKept()
    {
        // Opening is the Data Bureau's, with an award day not in the future; due two months later, overdue today.
        await Assert.ThrowsAsync<ForbiddenException>(() => BuildOut.OpenAsync(Manager, Enterprise, new DateOnly(2026, 9, 15)));
        var bad = await Assert.ThrowsAsync<InvalidInputException>(() => BuildOut.OpenAsync(Bureau, Enterprise, new DateOnly(2026, 12, 2)));
        Assert.Equal(BuildOutProblems.AwardedOn, Assert.Single(bad.Problems).Code);
        var opened = await BuildOut.OpenAsync(Bureau, Enterprise, new DateOnly(2026, 9, 15));
        Assert.Equal((1, new DateOnly(2026, 11, 15), BuildOutStatus.Filling), (opened.Round, opened.DueOn, opened.Status));
        var conflict = await Assert.ThrowsAsync<StateConflictException>(() => BuildOut.OpenAsync(Bureau, Enterprise, new DateOnly(2026, 9, 15)));
        Assert.Equal(BuildOutProblems.StillOpen, conflict.Problems[0].Code);
        var row = (await BuildOut.ListAsync(Bureau)).Single(r => r.Enterprise.Id == Enterprise);
        Assert.True(row.Overdue);
        Assert.Null((await BuildOut.ListAsync(Bureau)).Single(r => r.Enterprise.Id == _other.Id).Evaluation);
        Assert.Equal([Enterprise], (await BuildOut.ListAsync(Manager)).Select(r => r.Enterprise.Id));

        // Who reads: the Bureau, the Intranet Office, a coordinator, the enterprise's own manager; another enterprise's manager
        // is told it does not exist, a unit may not read at all; both refusals are logged.
        foreach (var reader in new[] { Bureau, Office, Nanning, Manager })
            Assert.Equal(opened.Id, (await BuildOut.GetAsync(reader, Enterprise)).Evaluation.Id);
        var before = _refusals.Of("other@test");
        await Assert.ThrowsAsync<NotFoundException>(() => BuildOut.GetAsync(OtherManager, Enterprise));
        await Assert.ThrowsAsync<NotFoundException>(() => BuildOut.SaveItemAsync(OtherManager, Enterprise, BuildOutItems.Entry, "冒充"));
        Assert.Equal(before + 2, _refusals.Of("other@test"));
        await Assert.ThrowsAsync<ForbiddenException>(() => BuildOut.GetAsync(Unit, Enterprise));
        Assert.Equal(1, _refusals.Of("unit@test"));
        // The Intranet Office and the Bureau read but do not fill in.
        await Assert.ThrowsAsync<ForbiddenException>(() => BuildOut.SaveItemAsync(Office, Enterprise, BuildOutItems.Entry, "内网办代填"));
        await Assert.ThrowsAsync<ForbiddenException>(() => BuildOut.SubmitAsync(Bureau, Enterprise));
        var view = await BuildOut.GetAsync(Manager, Enterprise);
        Assert.True(view.MayFill);
        Assert.False(view.MayReview);
        Assert.False((await BuildOut.GetAsync(Office, Enterprise)).MayFill);

        // While filling, the measured items are computed live: of 111 counties, 兴宁区 and the Liuzhou point are staffed
        // (青秀区's technician's certificate has expired): 25 × 2 / 111 = 0.45 → 0.5; training 2 of 3 point counties → 10.
        var network = view.Items.Single(i => i.Item.Code == BuildOutItems.Network).Measure!;
        Assert.Equal([new BuildOutFigure("staffed", 2, 111), new BuildOutFigure("withPoint", 3, 111)], network.Figures);
        Assert.Equal(0.5, network.Suggested);
        Assert.Contains("青秀区", network.Missing);
        Assert.Equal(10, view.Items.Single(i => i.Item.Code == BuildOutItems.Training).Measure!.Suggested);
        Assert.Null(view.Items.Single(i => i.Item.Code == BuildOutItems.Entry).Measure);

        // Submitting with items unwritten names each of them.
        await BuildOut.SaveItemAsync(Manager, Enterprise, BuildOutItems.Entry, "统一服务热线 0771-5550000，7×24 小时受理。");
        var missing = await Assert.ThrowsAsync<InvalidInputException>(() => BuildOut.SubmitAsync(Manager, Enterprise));
        Assert.Equal(["system", "network", "platform", "training", "knowledge"], missing.Problems.Select(p => p.Field));
        Assert.All(missing.Problems, p => Assert.Equal(BuildOutProblems.SelfAssessmentMissing, p.Code));
        foreach (var (code, _) in BuildOutItems.All.Skip(1))
            await BuildOut.SaveItemAsync(Manager, Enterprise, code, $"{code} 的建设情况说明");

        // Evidence: the attachment rules (type by content), the same file twice is one file.
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() =>
            BuildOut.AddEvidenceAsync(Manager, Enterprise, BuildOutItems.System, "制度.exe", new MemoryStream([0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00])));
        Assert.Equal(XinchuangFlow.Application.Tickets.AttachmentProblems.TypeRefused, refused.Problems[0].Code);
        var file = await BuildOut.AddEvidenceAsync(Manager, Enterprise, BuildOutItems.System, "服务管理制度.pdf", Pdf());
        Assert.Equal(file.Id, (await BuildOut.AddEvidenceAsync(Manager, Enterprise, BuildOutItems.System, "服务管理制度.pdf", Pdf())).Id);
        Assert.Equal("application/pdf", (await BuildOut.EvidenceAsync(Office, Enterprise, BuildOutItems.System, file.Id)).ContentType);
        await Assert.ThrowsAsync<NotFoundException>(() => BuildOut.EvidenceAsync(OtherManager, Enterprise, BuildOutItems.System, file.Id));

        // Submitted: the figures are kept; a second submission is a coded 409.
        var submitted = await BuildOut.SubmitAsync(Manager, Enterprise);
        Assert.Equal(BuildOutStatus.Submitted, submitted.Status);
        var again = await Assert.ThrowsAsync<StateConflictException>(() => BuildOut.SubmitAsync(Manager, Enterprise));
        Assert.Equal(BuildOutProblems.NotFilling, again.Problems[0].Code);
        await Assert.ThrowsAsync<StateConflictException>(() => BuildOut.SaveItemAsync(Manager, Enterprise, BuildOutItems.Entry, "提交后修改"));
        Assert.False((await BuildOut.ListAsync(Bureau)).Single(r => r.Enterprise.Id == Enterprise).Overdue);
        var stored = (await BuildOut.GetAsync(Bureau, Enterprise)).Items.Single(i => i.Item.Code == BuildOutItems.Network);
        Assert.Equal(0.5, stored.Item.Suggested);
        Assert.Equal(2, stored.Measure!.Figures[0].Value);

        // The Bureau's review: only the Bureau scores; scores within the item's most; a return needs its comment.
        await Assert.ThrowsAsync<ForbiddenException>(() => BuildOut.ScoreItemAsync(Manager, Enterprise, BuildOutItems.Entry, 10, null));
        await Assert.ThrowsAsync<ForbiddenException>(() => BuildOut.ReviewAsync(Office, Enterprise, "confirm", null));
        var tooMany = await Assert.ThrowsAsync<InvalidInputException>(() => BuildOut.ScoreItemAsync(Bureau, Enterprise, BuildOutItems.Entry, 16, null));
        Assert.Equal(BuildOutProblems.Score, tooMany.Problems[0].Code);
        var noComment = await Assert.ThrowsAsync<InvalidInputException>(() => BuildOut.ReviewAsync(Bureau, Enterprise, "return", " "));
        Assert.Equal(BuildOutProblems.ReturnComment, noComment.Problems[0].Code);
        var returned = await BuildOut.ReviewAsync(Bureau, Enterprise, "return", "请补充各县网点值班表。");
        Assert.Equal((BuildOutStatus.Filling, 1), (returned.Status, returned.Returns));
        await BuildOut.SaveItemAsync(Manager, Enterprise, BuildOutItems.Network, "已补充各县网点值班表。");
        await BuildOut.SubmitAsync(Manager, Enterprise);

        // Every item needs a score before the result is confirmed.
        await BuildOut.ScoreItemAsync(Bureau, Enterprise, BuildOutItems.Entry, 12, "热线已公布");
        var unscored = await Assert.ThrowsAsync<InvalidInputException>(() => BuildOut.ReviewAsync(Bureau, Enterprise, "confirm", null));
        Assert.Equal(["system", "network", "platform", "training", "knowledge"], unscored.Problems.Select(p => p.Field));
        foreach (var (code, points) in new[] { ("system", 10.0), ("network", 5.0), ("platform", 0.0), ("training", 10.0), ("knowledge", 2.5) })
            await BuildOut.ScoreItemAsync(Bureau, Enterprise, code, points, null);
        // 12 + 10 + 5 + 0 + 10 + 2.5 = 39.5 → 不合格, and a rectification order on the enterprise (its status stays).
        var confirmed = await BuildOut.ReviewAsync(Bureau, Enterprise, "confirm", "网络覆盖严重不足。");
        Assert.Equal((BuildOutStatus.Reviewed, 39.5, AssessmentGradeCodes.Fail, BuildOutConsequences.Rectify),
            (confirmed.Status, confirmed.Total, confirmed.Grade, confirmed.Consequence));
        await Assert.ThrowsAsync<StateConflictException>(() => BuildOut.ReviewAsync(Bureau, Enterprise, "confirm", null));
        await using (var db = await Db.CreateDbContextAsync())
        {
            var decision = await db.ShortlistDecisions.SingleAsync(d => d.EnterpriseId == Enterprise);
            Assert.Equal((ShortlistActions.Rectify, ShortlistStatus.Active, ShortlistStatus.Active, "bureau@test"), (decision.Action, decision.FromStatus, decision.ToStatus, decision.By));
            // The system's reason is data — round, band, total — worded in the reader's language where it is shown.
            Assert.Equal(ShortlistReason.BuildOut(1, AssessmentGradeCodes.Fail, 39.5), ShortlistReason.Decode(decision.Reason));

            // Audited with before and after, under the evaluation (enterprise/round).
            var lines = await db.Audit.Where(a => a.EntityKind == BuildOutService.AuditKind && a.EntityId == $"{Enterprise}/1").ToListAsync();
            Assert.Equal(2, lines.Count(l => l.Action == "buildout-submit"));
            var confirm = lines.Single(l => l.Action == "buildout-confirm");
            Assert.Equal("submitted", JsonDocument.Parse(confirm.Before!).RootElement.GetProperty("status").GetString());
            Assert.Equal("fail", JsonDocument.Parse(confirm.After!).RootElement.GetProperty("grade").GetString());
            var save = lines.Single(l => l.Action == "buildout-save"
                && JsonDocument.Parse(l.After!).RootElement.GetProperty("selfAssessment").GetString() == "已补充各县网点值班表。");
            Assert.Equal("network 的建设情况说明", JsonDocument.Parse(save.Before!).RootElement.GetProperty("selfAssessment").GetString());
            Assert.Contains(lines, l => l.Action == "buildout-evidence" && l.After!.Contains("sha256"));
            Assert.Single(await db.Audit.Where(a => a.EntityKind == "enterprise" && a.EntityId == Enterprise.ToString() && a.Action == "shortlist-rectify").ToListAsync());
        }

        // The history, step by step.
        var history = (await BuildOut.GetAsync(Manager, Enterprise)).History.Select(h => h.Action).ToList();
        Assert.Equal(["open", "save", "save", "save", "save", "save", "save", "evidence", "submit", "return", "save", "submit",
            "score", "score", "score", "score", "score", "score", "confirm", "rectify"], history);

        // After review the next round may be opened (after rectification), and the manager fills it in again.
        var second = await BuildOut.OpenAsync(Bureau, Enterprise, new DateOnly(2026, 11, 20));
        Assert.Equal((2, BuildOutStatus.Filling), (second.Round, second.Status));
        Assert.True((await BuildOut.GetAsync(Manager, Enterprise)).MayFill);
    }

    [Fact]
    public async Task APassingResult_OrdersNothing_AndTwoSubmissionsAtOnceLandOnce()
    {
        await BuildOut.OpenAsync(Bureau, Enterprise, new DateOnly(2026, 11, 1));
        foreach (var (code, _) in BuildOutItems.All) await BuildOut.SaveItemAsync(Manager, Enterprise, code, "已建成");
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            try { await BuildOut.SubmitAsync(Manager, Enterprise); return "ok"; }
            catch (StateConflictException ex) { return ex.Problems[0].Code; }
        }));
        Assert.Equal(["buildout-not-filling", "ok"], results.Order());
        Assert.Equal(1, (await BuildOut.GetAsync(Bureau, Enterprise)).History.Count(h => h.Action == "submit"));
        foreach (var (code, max) in BuildOutItems.All) await BuildOut.ScoreItemAsync(Bureau, Enterprise, code, max - 1, null);
        var confirmed = await BuildOut.ReviewAsync(Bureau, Enterprise, "confirm", null);
        Assert.Equal((94.0, AssessmentGradeCodes.Excellent), (confirmed.Total!.Value, confirmed.Grade));
        Assert.Null(confirmed.Consequence);
        await using var db = await Db.CreateDbContextAsync();
        Assert.False(await db.ShortlistDecisions.AnyAsync(d => d.EnterpriseId == Enterprise));
    }
}

public sealed class SqliteBuildOutTests : BuildOutTests
{
    protected override ITestDatabases Databases { get; } = new SqliteDatabases();
}

public sealed class PostgreSqlBuildOutTests : BuildOutTests
{
    protected override ITestDatabases Databases { get; } = new PostgreSqlDatabases();
}
