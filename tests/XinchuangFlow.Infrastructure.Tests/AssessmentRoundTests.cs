using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using XinchuangFlow.Application;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Assessment;
using XinchuangFlow.Application.Tasks;
using XinchuangFlow.Domain.Assessment;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Infrastructure.Persistence;
using XinchuangFlow.Infrastructure.Tests.Support;

namespace XinchuangFlow.Infrastructure.Tests;

/// <summary>
/// The quarterly assessment procedure (ASM-2) on the shipped <c>assessment-quarter</c> and <c>assessment-objection</c>
/// flows and a real database: a quarter computed, each enterprise's objection task in its own managers' inbox only, an
/// objection ruled on, silence accepting when the period passes, publication, a frozen result and a recomputation as a
/// new revision that supersedes the first.
/// </summary>
public abstract class AssessmentRoundTests : IAsyncLifetime
{
    // 2026-10-05 09:00 China time: the third quarter has ended.
    private static readonly DateTimeOffset T0 = new(2026, 10, 5, 1, 0, 0, TimeSpan.Zero);
    private EngineHarness _h = null!;
    private Enterprise _a = null!, _b = null!, _c = null!;
    protected abstract ITestDatabases Databases { get; }

    private AssessmentRoundService Rounds => _h.Services.GetRequiredService<AssessmentRoundService>();
    private TaskService Tasks => _h.Services.GetRequiredService<TaskService>();
    private InboxService Inbox => _h.Services.GetRequiredService<InboxService>();
    private static readonly Actor Bureau = Actor.Of("bureau@test", [Roles.DataBureauAdmin]);
    private Actor Manager(Enterprise e) => Actor.Of($"manager-{e.Name}@test", [Roles.EnterpriseManager], e.Id);

    public async Task InitializeAsync()
    {
        _h = await EngineHarness.StartAsync(Databases.Provider, await Databases.CreateAsync(), new FakeTimeProvider(T0));
        await _h.Initializer.ImportAsync(CancellationToken.None);
        await using var db = await _h.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync();
        _a = new Enterprise(Guid.CreateVersion7(), "甲集成商", EnterpriseKind.Integrator, ShortlistStatus.Active);
        _b = new Enterprise(Guid.CreateVersion7(), "乙集成商", EnterpriseKind.Integrator, ShortlistStatus.Active);
        _c = new Enterprise(Guid.CreateVersion7(), "丙集成商", EnterpriseKind.Integrator, ShortlistStatus.Suspended);
        db.Enterprises.AddRange(_a, _b, _c, new Enterprise(Guid.CreateVersion7(), "丁厂商", EnterpriseKind.ProductVendor, ShortlistStatus.Active),
            new Enterprise(Guid.CreateVersion7(), "戊集成商", EnterpriseKind.Integrator, ShortlistStatus.Removed));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        await Databases.DisposeAsync();
    }

    private async Task<HumanTask> OpenTaskOfAsync(string kind, Enterprise e)
    {
        var result = (await RoundResultsAsync()).Single(r => r.EnterpriseId == e.Id);
        return (await _h.Store.ListTasksAsync(new TaskQuery(InstanceId: result.InstanceId, Status: HumanTaskStatus.Open))).Single(t => t.TaskKind == kind);
    }

    private async Task<IReadOnlyList<AssessmentResult>> RoundResultsAsync(int revision = 0)
    {
        var rounds = await Rounds.RoundsAsync(Bureau);
        var round = revision == 0 ? rounds[0] : rounds.Single(r => r.Revision == revision);
        return (await Rounds.RoundAsync(Bureau, round.Id)).Results;
    }

    [Fact]
    public async Task AQuarter_IsComputed_ContestedInEachEnterprisesOwnInbox_Ruled_Published_AndComputedAgainAsANewRevision()
    {
        // Only the Data Bureau computes, and only a quarter that has ended.
        await Assert.ThrowsAsync<ForbiddenException>(() => Rounds.StartAsync(Manager(_a), "2026Q3", null));
        await Assert.ThrowsAsync<StateConflictException>(() => Rounds.StartAsync(Bureau, "2026Q4", null));
        await Rounds.StartAsync(Bureau, "2026Q3", null);
        await Assert.ThrowsAsync<StateConflictException>(() => Rounds.StartAsync(Bureau, "2026Q3", "again"));   // still open
        // A second start that got past that check (another node's schedule at the same moment) ends at once, storing nothing.
        var twin = await _h.Runtime.StartAsync(new StartRequest(CaseFlows.AssessmentQuarter, new JsonObject { ["quarter"] = "2026Q3" }));
        Assert.Equal(WorkflowStatus.Finished, (await _h.InstanceAsync(twin.Id)).Status);

        // Every shortlisted integrator (suspended too, not the removed one nor the vendor) has a draft result and an objection task.
        var round = (await Rounds.RoundsAsync(Bureau)).Single();
        Assert.Equal((AssessmentRoundStatus.Open, 1), (round.Status, round.Revision));
        Assert.Equal(T0.AddDays(10), round.ObjectionUntil);
        var results = await RoundResultsAsync();
        Assert.Equal(["丙集成商", "乙集成商", "甲集成商"], results.Select(r => r.EnterpriseName).Order(StringComparer.Ordinal));
        Assert.All(results, r => Assert.Equal((AssessmentResultStatus.Draft, AssessmentGradeCodes.NotAssessed), (r.Status, r.Grade)));

        // A's managers see A's task and nothing of B's: their inbox, the task list, the task itself, the result.
        var taskA = await OpenTaskOfAsync(TaskKinds.AssessmentObjection, _a);
        var taskB = await OpenTaskOfAsync(TaskKinds.AssessmentObjection, _b);
        Assert.Equal(T0.AddDays(10), taskA.DueAt);
        var inboxA = (await Inbox.ListAsync(Manager(_a), new InboxQuery(InboxView.All))).Items;
        Assert.Equal([taskA.Id], inboxA.Select(r => r.TaskId));
        Assert.Equal(("assessment", "2026Q3", "甲集成商"), (inboxA[0].CaseKind, inboxA[0].CaseNumber, inboxA[0].CaseTitle));
        Assert.Equal([taskA.Id], (await Tasks.ListAsync(Manager(_a), new TaskFilter(Status: HumanTaskStatus.Open))).Items.Select(t => t.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Tasks.GetAsync(Manager(_a), taskB.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Tasks.CompleteAsync(Manager(_a), taskB.Id, "accept", []));
        await Assert.ThrowsAsync<NotFoundException>(() => Rounds.ResultAsync(Manager(_a), results.Single(r => r.EnterpriseId == _b.Id).Id));
        Assert.Equal(["甲集成商"], (await Rounds.RoundAsync(Manager(_a), round.Id)).Results.Select(r => r.EnterpriseName));
        // A coordinator sees no open round; a unit nothing at all.
        Assert.Empty(await Rounds.RoundsAsync(Actor.Of("coord@test", [Roles.MunicipalCoordinator], cityCode: "4501")));
        await Assert.ThrowsAsync<ForbiddenException>(() => Rounds.RoundsAsync(Actor.Of("unit@test", [Roles.ProcurementUser])));

        // A objects — a reason is needed —; B accepts; C says nothing.
        var noReason = await Assert.ThrowsAsync<InvalidInputException>(() => Tasks.CompleteAsync(Manager(_a), taskA.Id, "object", new JsonObject { ["reason"] = "  " }));
        Assert.Contains(noReason.Problems, p => p.Code == AssessmentProblems.ObjectionReason);
        await Tasks.CompleteAsync(Manager(_a), taskA.Id, "object", new JsonObject { ["reason"] = "第三季度两张工单为用户误报，已撤销。", ["evidence"] = "GX-4501-20260812-00003 撤销记录" });
        await Tasks.CompleteAsync(Manager(_b), taskB.Id, "accept", []);
        var ruling = await OpenTaskOfAsync(TaskKinds.AssessmentRuling, _a);
        // The ruling is the Bureau's: A's managers see it waiting on their result, but it is not theirs to take or complete.
        Assert.Equal([ruling.Id], (await Inbox.ListAsync(Manager(_a), new InboxQuery(InboxView.All))).Items.Select(r => r.TaskId));
        Assert.Empty((await Inbox.ListAsync(Manager(_a), new InboxQuery(InboxView.Team))).Items);
        await Assert.ThrowsAnyAsync<XfException>(() => Tasks.CompleteAsync(Manager(_a), ruling.Id, "uphold", new JsonObject { ["reason"] = "自己裁定" }));
        var noGrade = await Assert.ThrowsAsync<InvalidInputException>(() => Tasks.CompleteAsync(Bureau, ruling.Id, "adjust", new JsonObject { ["reason"] = "核实属实" }));
        Assert.Contains(noGrade.Problems, p => p.Code == AssessmentProblems.RulingGrade);
        await Tasks.CompleteAsync(Bureau, ruling.Id, "adjust", new JsonObject { ["grade"] = "pass", ["reason"] = "核实属实，按合格认定。" });

        results = await RoundResultsAsync();
        var a = results.Single(r => r.EnterpriseId == _a.Id);
        Assert.Equal((AssessmentResultStatus.Ruled, AssessmentRulings.Adjusted, "pass", AssessmentGradeCodes.NotAssessed), (a.Status, a.Ruling, a.Grade, a.ComputedGrade));
        Assert.Equal("第三季度两张工单为用户误报，已撤销。", a.Objection);
        Assert.Equal(AssessmentResultStatus.Accepted, results.Single(r => r.EnterpriseId == _b.Id).Status);
        Assert.Equal(AssessmentRoundStatus.Open, (await Rounds.RoundsAsync(Bureau)).Single().Status);    // C's period still runs

        // C's period passes: silence accepts, and with every result settled the round is published and frozen.
        _h.Clock.Advance(TimeSpan.FromDays(10) + TimeSpan.FromMinutes(1));
        while (await _h.Runtime.DrainTimersAsync() > 0) { }
        round = (await Rounds.RoundsAsync(Bureau)).Single();
        Assert.Equal(AssessmentRoundStatus.Published, round.Status);
        results = await RoundResultsAsync();
        Assert.All(results, r => Assert.Equal(AssessmentResultStatus.Published, r.Status));
        var viewA = await Rounds.ResultAsync(Manager(_a), a.Id);
        Assert.Equal(["assessment-computed", "assessment-objected", "assessment-ruled", "assessment-published"], viewA.History.Select(e => e.Kind));
        Assert.Contains("assessment-objection-lapsed", (await Rounds.ResultAsync(Bureau, results.Single(r => r.EnterpriseId == _c.Id).Id)).History.Select(e => e.Kind));
        Assert.NotNull(viewA.Score);
        Assert.Single(await Rounds.RoundsAsync(Actor.Of("coord@test", [Roles.MunicipalCoordinator], cityCode: "4501")));

        // Computed again: a reason is needed; revision 2 runs while revision 1 stays in force, then supersedes it.
        var why = await Assert.ThrowsAsync<InvalidInputException>(() => Rounds.StartAsync(Bureau, "2026Q3", null));
        Assert.Contains(why.Problems, p => p.Code == AssessmentProblems.RevisionReason);
        await Rounds.StartAsync(Bureau, "2026Q3", "补录了企业平台迟报的工单");
        var both = await Rounds.RoundsAsync(Bureau);
        Assert.Equal([(2, AssessmentRoundStatus.Open), (1, AssessmentRoundStatus.Published)], both.Select(r => (r.Revision, r.Status)));
        Assert.Equal("补录了企业平台迟报的工单", both[0].Reason);
        Assert.Equal("pass", (await RoundResultsAsync(1)).Single(r => r.EnterpriseId == _a.Id).Grade);   // the first revision is frozen
        _h.Clock.Advance(TimeSpan.FromDays(11));
        while (await _h.Runtime.DrainTimersAsync() > 0) { }
        Assert.Equal([(2, AssessmentRoundStatus.Published), (1, AssessmentRoundStatus.Superseded)], (await Rounds.RoundsAsync(Bureau)).Select(r => (r.Revision, r.Status)));
    }

    [Fact]
    public async Task AFailedQuarter_CallsTheEnterpriseToAnInterview_ASuspensionStopsItsDispatch_AndARestorationBringsItBack()
    {
        var net = await ScenarioNetwork.CreateAsync(_h.Services.GetRequiredService<IDbContextFactory<XfDbContext>>());
        var failing = net.ValidNanning.EnterpriseId;
        var unit = new ProcurementUnit { Id = Guid.CreateVersion7(), Name = "青秀区财政局", CityCode = "4501", CountyCode = ScenarioNetwork.Qingxiu, IntegratorId = failing };
        await using (var db = await _h.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync())
        {
            db.ProcurementUnits.Add(unit);
            await db.SaveChangesAsync();
        }
        var intake = _h.Services.GetRequiredService<XinchuangFlow.Application.Tickets.TicketIntakeService>();
        async Task<Ticket> RequestAsync(string title)
        {
            var (ticket, _) = await intake.CreateTrustedAsync(new TicketRequest
            {
                Channel = "portal", ProcurementUnitId = unit.Id, ContactName = "陆工", ContactPhone = "0771-5550101", CityCode = "4501",
                CountyCode = ScenarioNetwork.Qingxiu, ProductCategory = "terminal", Impact = "single", Title = title, Description = "开机后黑屏。",
            }, "unit@test", mayNameIntegrator: true);
            return ticket;
        }
        Assert.Equal(failing, (await RequestAsync("终端无法开机")).IntegratorId);      // on the shortlist: dispatched to its technicians

        // The quarter: the enterprise objects, the Bureau rules it failed after all; everyone else accepts.
        await Rounds.StartAsync(Bureau, "2026Q3", null);
        var manager = Actor.Of("manager@test", [Roles.EnterpriseManager], failing);
        var result = (await RoundResultsAsync()).Single(r => r.EnterpriseId == failing);
        var objection = (await _h.Store.ListTasksAsync(new TaskQuery(InstanceId: result.InstanceId, Status: HumanTaskStatus.Open))).Single();
        await Tasks.CompleteAsync(manager, objection.Id, "object", new JsonObject { ["reason"] = "数据有误" });
        var ruling = (await _h.Store.ListTasksAsync(new TaskQuery(InstanceId: result.InstanceId, Status: HumanTaskStatus.Open))).Single();
        await Tasks.CompleteAsync(Bureau, ruling.Id, "adjust", new JsonObject { ["grade"] = "fail", ["reason"] = "复核发现多张工单到场超时且未如实报送，认定不合格。" });
        foreach (var other in (await RoundResultsAsync()).Where(r => r.EnterpriseId != failing))
            foreach (var t in await _h.Store.ListTasksAsync(new TaskQuery(InstanceId: other.InstanceId, Status: HumanTaskStatus.Open)))
                await Tasks.CompleteAsync(Bureau, t.Id, "accept", []);
        Assert.Equal(AssessmentRoundStatus.Published, (await Rounds.RoundsAsync(Bureau)).Single().Status);

        // Published with a fail: one interview, the Bureau's alone.
        var interviews = (await Tasks.ListAsync(Bureau, new TaskFilter(Status: HumanTaskStatus.Open, TaskKind: TaskKinds.AssessmentInterview))).Items;
        var interview = Assert.Single(interviews);
        Assert.Contains("测试集成商", interview.Title);
        Assert.Contains("2026 年第 3 季度", interview.Title);
        Assert.Contains("不合格", interview.Title);
        Assert.Contains("测试集成商", interview.Description);           // the description names whom and which quarter too
        Assert.Contains("2026 年第 3 季度", interview.Description);
        Assert.Contains("Q3 2026", interview.DescriptionEn);
        // The Bureau's inbox row is about the result that called for the interview, as an objection's row is (the page links
        // it to the result); the result's history says the interview was called, by the rule and not a person.
        var row = Assert.Single((await Inbox.ListAsync(Bureau, new InboxQuery(InboxView.All, Kind: TaskKinds.AssessmentInterview))).Items);
        Assert.Equal((CaseKinds.Assessment, result.Id, "2026Q3", result.EnterpriseName), (row.CaseKind, row.CaseId, row.CaseNumber, row.CaseTitle));
        var called = (await Rounds.ResultAsync(Bureau, result.Id)).History.Single(e => e.Kind == "assessment-interview");
        Assert.Null(called.User);
        Assert.Empty((await Tasks.ListAsync(manager, new TaskFilter(Status: HumanTaskStatus.Open))).Items);
        Assert.Empty((await Inbox.ListAsync(manager, new InboxQuery(InboxView.All, Kind: TaskKinds.AssessmentInterview))).Items);   // about their result, not theirs to see
        await Assert.ThrowsAnyAsync<XfException>(() => Tasks.CompleteAsync(manager, interview.Id, "rectify", new JsonObject { ["reason"] = "自行整改" }));
        await Assert.ThrowsAsync<InvalidInputException>(() => Tasks.CompleteAsync(Bureau, interview.Id, "suspend", []));    // the reason is required
        await Tasks.CompleteAsync(Bureau, interview.Id, "suspend", new JsonObject { ["reason"] = "约谈后整改方案不可行，暂停派单。" });

        // Suspended: recorded with its quarter, and a new request of a unit it serves is not dispatched to it.
        var shortlist = _h.Services.GetRequiredService<XinchuangFlow.Application.Network.ShortlistService>();
        var decisions = await shortlist.DecisionsAsync(Bureau, failing);
        Assert.Equal((ShortlistActions.Suspend, ShortlistStatus.Active, ShortlistStatus.Suspended, "2026Q3", "bureau@test"),
            (decisions[0].Action, decisions[0].FromStatus, decisions[0].ToStatus, decisions[0].Quarter, decisions[0].By));
        var held = await RequestAsync("打印机无法打印");
        Assert.Null(held.TechnicianUser);
        Assert.Contains("已暂停", JsonNode.Parse(held.DispatchExplanation!)!["ruleZh"]!.GetValue<string>());
        Assert.Equal(decisions.Select(d => d.Id), (await shortlist.DecisionsAsync(manager, failing)).Select(d => d.Id));  // the enterprise reads its own
        await Assert.ThrowsAsync<NotFoundException>(() => shortlist.DecisionsAsync(Actor.Of("other@test", [Roles.EnterpriseManager], _b.Id), failing));

        // Restored after rectification (the Bureau only, with a reason, once): dispatched to it again.
        await Assert.ThrowsAsync<ForbiddenException>(() => shortlist.DecideAsync(manager, failing, ShortlistActions.Restore, "已整改"));
        await Assert.ThrowsAsync<InvalidInputException>(() => shortlist.DecideAsync(Bureau, failing, ShortlistActions.Restore, " "));
        await shortlist.DecideAsync(Bureau, failing, ShortlistActions.Restore, "整改验收合格，恢复派单。");
        await Assert.ThrowsAsync<StateConflictException>(() => shortlist.DecideAsync(Bureau, failing, ShortlistActions.Restore, "再次恢复"));
        Assert.Equal([ShortlistActions.Restore, ShortlistActions.Suspend], (await shortlist.DecisionsAsync(Bureau, failing)).Select(d => d.Action));
        Assert.NotNull((await RequestAsync("扫描仪无法扫描")).TechnicianUser);
    }

    [Fact]
    public async Task CrossingTheSatisfactionRedLine_AlertsOncePerCrossing_InTheQuarterAndTheRollingWindow()
    {
        var factory = _h.Services.GetRequiredService<IDbContextFactory<XfDbContext>>();
        var n = 0;
        async Task RateAsync(Enterprise e, params int[] ratings)
        {
            await using var db = await factory.CreateDbContextAsync();
            foreach (var rating in ratings)
            {
                n++;
                var at = T0.AddDays(-2).AddMinutes(n);
                db.Tickets.Add(new Ticket
                {
                    Id = Guid.CreateVersion7(), Number = $"GX-4501-20261003-{n:00000}", InstanceId = Guid.CreateVersion7(), Channel = "portal", ProcurementUnit = "南宁市某局",
                    CityCode = "4501", CountyCode = "450103", ProductCategory = "terminal", Impact = "single", Title = "终端故障", Description = "无法开机",
                    Status = TicketStatus.Closed, CreatedAt = at, UpdatedAt = at, ClosedAt = at.AddHours(5), IntegratorId = e.Id, Satisfaction = rating,
                });
            }
            await db.SaveChangesAsync();
        }
        var redLine = _h.Services.GetRequiredService<RedLineService>();

        // 甲: three of six satisfied (50 %, under 85 % with at least 5 ratings); 乙: all satisfied.
        await RateAsync(_a, 5, 5, 5, 2, 2, 2);
        await RateAsync(_b, 5, 5, 5, 5, 5, 4);
        Assert.Equal((2, 0), await redLine.RunOnceAsync());                   // the quarter and the last 30 days
        var alerts = await redLine.AlertsAsync(Bureau);
        Assert.Equal([(_a.Id, RedLineWindows.Quarter, "2026Q4"), (_a.Id, RedLineWindows.Rolling, "rolling-30")],
            alerts.Select(a => (a.EnterpriseId, a.Window, a.Period)).OrderBy(x => x.Window, StringComparer.Ordinal));
        Assert.All(alerts, a => Assert.Equal((50d, 6, 85d), (a.Satisfied, a.Ratings, a.Line)));
        await using (var db = await factory.CreateDbContextAsync())
        {
            var told = await db.Notifications.AsNoTracking().Where(x => x.ActivityId == "(red-line)").ToListAsync();
            Assert.Equal(4, told.Count(x => x.ToRole == Roles.DataBureauAdmin));        // two alerts × inbox and e-mail
            Assert.All(told, x => Assert.Contains("满意度红线预警】甲集成商", x.Subject));
        }

        // Still below: nothing new. Back above: recovered. Below again: a new crossing, new alerts.
        Assert.Equal((0, 0), await redLine.RunOnceAsync());
        await RateAsync(_a, Enumerable.Repeat(5, 30).ToArray());
        Assert.Equal((0, 2), await redLine.RunOnceAsync());
        await RateAsync(_a, Enumerable.Repeat(1, 20).ToArray());
        Assert.Equal((2, 0), await redLine.RunOnceAsync());
        alerts = await redLine.AlertsAsync(Bureau);
        Assert.Equal(4, alerts.Count);
        Assert.Equal(2, alerts.Count(a => a.RecoveredAt is null));

        // Each enterprise reads its own alerts; a unit none.
        Assert.Equal(4, (await redLine.AlertsAsync(Manager(_a))).Count);
        Assert.Empty(await redLine.AlertsAsync(Manager(_b)));
        await Assert.ThrowsAsync<ForbiddenException>(() => redLine.AlertsAsync(Actor.Of("unit@test", [Roles.ProcurementUser])));
    }
}

public sealed class SqliteAssessmentRoundTests : AssessmentRoundTests
{
    protected override ITestDatabases Databases { get; } = new SqliteDatabases();
}

public sealed class PostgreSqlAssessmentRoundTests : AssessmentRoundTests
{
    protected override ITestDatabases Databases { get; } = new PostgreSqlDatabases();
}
