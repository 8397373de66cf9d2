using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
/// Supervision notices (督办, ASM-7) on the shipped <c>supervision-notice</c> flow and a real database: who may issue on
/// what, the enterprise's answer task in its own managers' inbox only, an answer by the deadline, a deadline that passes
/// and escalates while the answer is still owed, the issuer and the Data Bureau told, a second click returning the first
/// notice, and the notices counted in the enterprise's indicators; the issuing party's review of each answer (accepted:
/// closed; returned with a comment: answered again, by the deadline in force or a day after a late return), nobody else's,
/// and a returned-then-late answer counted late.
/// </summary>
public abstract class SupervisionTests : IAsyncLifetime
{
    // 2026-10-05 09:00 China time.
    private static readonly DateTimeOffset T0 = new(2026, 10, 5, 1, 0, 0, TimeSpan.Zero);
    private EngineHarness _h = null!;
    private ScenarioNetwork _net = null!;
    private Enterprise _other = null!;
    protected abstract ITestDatabases Databases { get; }

    private SupervisionService Notices => _h.Services.GetRequiredService<SupervisionService>();
    private TaskService Tasks => _h.Services.GetRequiredService<TaskService>();
    private InboxService Inbox => _h.Services.GetRequiredService<InboxService>();
    private IDbContextFactory<XfDbContext> Db => _h.Services.GetRequiredService<IDbContextFactory<XfDbContext>>();
    private static readonly Actor Bureau = Actor.Of("bureau@test", [Roles.DataBureauAdmin]);
    private static readonly Actor Office = Actor.Of("office@test", [Roles.IntranetSupervisor]);
    private static readonly Actor Nanning = Actor.Of("coord-nn@test", [Roles.MunicipalCoordinator], cityCode: "4501");
    private static readonly Actor Liuzhou = Actor.Of("coord-lz@test", [Roles.MunicipalCoordinator], cityCode: "4502");
    private Actor Manager => Actor.Of("manager@test", [Roles.EnterpriseManager], _net.ValidNanning.EnterpriseId);
    private Actor OtherManager => Actor.Of("other@test", [Roles.EnterpriseManager], _other.Id);
    private readonly RefusalLog _refusals = new();

    public async Task InitializeAsync()
    {
        _h = await EngineHarness.StartAsync(Databases.Provider, await Databases.CreateAsync(), new FakeTimeProvider(T0),
            configure: services => services.AddSingleton<ILoggerProvider>(_refusals));
        await _h.Initializer.ImportAsync(CancellationToken.None);
        _net = await ScenarioNetwork.CreateAsync(Db);
        _other = new Enterprise(Guid.CreateVersion7(), "另一集成商", EnterpriseKind.Integrator, ShortlistStatus.Active);
        await using var db = await Db.CreateDbContextAsync();
        db.Enterprises.Add(_other);
        // The enterprise's manager is an account, so the enterprise is told of returns and closings.
        var role = new IdentityRole(Roles.EnterpriseManager) { Id = Guid.NewGuid().ToString(), NormalizedName = Roles.EnterpriseManager.ToUpperInvariant() };
        var manager = new AppUser { Id = Guid.NewGuid().ToString(), UserName = "manager@test", NormalizedUserName = "MANAGER@TEST", EnterpriseId = _net.ValidNanning.EnterpriseId };
        db.Roles.Add(role);
        db.Users.Add(manager);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = manager.Id, RoleId = role.Id });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        await Databases.DisposeAsync();
    }

    private async Task<Ticket> TicketAsync()
    {
        var unit = new ProcurementUnit { Id = Guid.CreateVersion7(), Name = "青秀区财政局", CityCode = "4501", CountyCode = ScenarioNetwork.Qingxiu, IntegratorId = _net.ValidNanning.EnterpriseId };
        await using (var db = await Db.CreateDbContextAsync())
        {
            db.ProcurementUnits.Add(unit);
            await db.SaveChangesAsync();
        }
        var (ticket, _) = await _h.Services.GetRequiredService<XinchuangFlow.Application.Tickets.TicketIntakeService>().CreateTrustedAsync(new TicketRequest
        {
            Channel = "portal", ProcurementUnitId = unit.Id, ContactName = "陆工", ContactPhone = "0771-5550101", CityCode = "4501",
            CountyCode = ScenarioNetwork.Qingxiu, ProductCategory = "terminal", Impact = "single", Title = "终端无法开机", Description = "开机后黑屏。",
        }, "unit@test", mayNameIntegrator: true);
        return ticket;
    }

    private async Task<HumanTask> AnswerTaskAsync(SupervisionNotice n) => await OpenTaskAsync(n, TaskKinds.SupervisionAnswer);

    private async Task<HumanTask> OpenTaskAsync(SupervisionNotice n, string kind) =>
        (await _h.Store.ListTasksAsync(new TaskQuery(InstanceId: n.InstanceId, Status: HumanTaskStatus.Open))).Single(t => t.TaskKind == kind);

    private async Task AdvanceAsync(TimeSpan by)
    {
        _h.Clock.Advance(by);
        while (await _h.Runtime.DrainTimersAsync() > 0) { }
    }

    private async Task<List<Notification>> ToldAsync(SupervisionNotice n, string textKey)
    {
        await using var db = await Db.CreateDbContextAsync();
        return await db.Notifications.Where(x => x.InstanceId == n.InstanceId && x.TextKey == textKey).ToListAsync();
    }

    [Fact]
    public async Task ANotice_IsAnsweredInTheEnterprisesOwnInbox_ALateOneEscalates_AndBothCountInTheIndicators()
    {
        var ticket = await TicketAsync();
        Assert.Equal(_net.ValidNanning.EnterpriseId, ticket.IntegratorId);
        var deadline = T0.AddDays(2);

        // Who may issue: not an enterprise, not a unit; a coordinator only on its own city's tickets; the request must hold.
        await Assert.ThrowsAsync<ForbiddenException>(() => Notices.IssueAsync(Manager, new SupervisionRequest(ticket.Number, null, "请尽快处理", deadline)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Notices.IssueAsync(Actor.Of("unit@test", [Roles.ProcurementUser]), new SupervisionRequest(ticket.Number, null, "请尽快处理", deadline)));
        await Assert.ThrowsAsync<NotFoundException>(() => Notices.IssueAsync(Liuzhou, new SupervisionRequest(ticket.Number, null, "请尽快处理", deadline)));
        var bad = await Assert.ThrowsAsync<InvalidInputException>(() => Notices.IssueAsync(Nanning, new SupervisionRequest(ticket.Number, _other.Id, " ", T0.AddMinutes(10))));
        Assert.Equal([SupervisionProblems.Target, SupervisionProblems.Reason, SupervisionProblems.Deadline], bad.Problems.Select(p => p.Code));
        await Assert.ThrowsAsync<InvalidInputException>(() => Notices.IssueAsync(Nanning, new SupervisionRequest(ticket.Number, null, "请尽快处理", T0.AddDays(91))));
        var noNumber = await Assert.ThrowsAsync<InvalidInputException>(() => Notices.IssueAsync(Nanning, new SupervisionRequest(" ", null, "请尽快处理", deadline, SupervisionTargets.Ticket)));
        Assert.Equal([(SupervisionProblems.TicketMissing, "ticketNumber")], noNumber.Problems.Select(p => (p.Code, p.Field)));

        // The Nanning coordinator issues on the ticket; the same form sent twice is one notice.
        var (notice, created) = await Notices.IssueAsync(Nanning, new SupervisionRequest(ticket.Number, null, "到场超时，请说明原因并于两日内完成处理。", deadline));
        Assert.True(created);
        var (again, createdAgain) = await Notices.IssueAsync(Nanning, new SupervisionRequest(ticket.Number, null, "到场超时，请说明原因并于两日内完成处理。", deadline));
        Assert.False(createdAgain);
        Assert.Equal(notice.Id, again.Id);
        Assert.Equal(("DB-20261005-001", SupervisionStatus.Open, "4501", SupervisionIssuers.Coordinator, deadline), (notice.Number, notice.Status, notice.CityCode, notice.Issuer, notice.Deadline));
        Assert.Contains("supervision-issued", (await _h.Services.GetRequiredService<ICaseDirectory>().HistoryAsync(ticket.Id)).Select(e => e.Kind));

        // The answer task is the enterprise's, due at the deadline; another enterprise, another city see nothing of it.
        var task = await AnswerTaskAsync(notice);
        Assert.Equal(deadline, task.DueAt);
        var inbox = (await Inbox.ListAsync(Manager, new InboxQuery(InboxView.All))).Items.Where(r => r.CaseKind == CaseKinds.Supervision).ToList();
        Assert.Equal([(task.Id, notice.Number)], inbox.Select(r => (r.TaskId, r.CaseNumber)));
        Assert.DoesNotContain((await Inbox.ListAsync(OtherManager, new InboxQuery(InboxView.All))).Items, r => r.TaskId == task.Id);
        await Assert.ThrowsAsync<NotFoundException>(() => Tasks.GetAsync(OtherManager, task.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Notices.GetAsync(OtherManager, notice.Number));
        await Assert.ThrowsAsync<NotFoundException>(() => Notices.GetAsync(Liuzhou, notice.Id.ToString()));
        Assert.Empty((await Notices.ListAsync(Liuzhou, new SupervisionFilter(), 0, 50)).Items);
        Assert.Equal([notice.Id], (await Notices.ListAsync(Manager, new SupervisionFilter(), 0, 50)).Items.Select(n => n.Id));
        Assert.Equal([notice.Id], (await Notices.ListAsync(Office, new SupervisionFilter(), 0, 50)).Items.Select(n => n.Id));
        await Assert.ThrowsAsync<ForbiddenException>(() => Notices.ListAsync(Actor.Of("tech@test", [Roles.Technician]), new SupervisionFilter(), 0, 50));

        // The answer says what was done; recorded on time, the issuer is told.
        var empty = await Assert.ThrowsAsync<InvalidInputException>(() => Tasks.CompleteAsync(Manager, task.Id, "answer", new JsonObject { ["answer"] = "  " }));
        Assert.Contains(empty.Problems, p => p.Field == "answer");
        _h.Clock.Advance(TimeSpan.FromHours(5));
        await Tasks.CompleteAsync(Manager, task.Id, "answer", new JsonObject { ["answer"] = "已增派工程师到场，故障已排除。" });
        var answered = (await Notices.GetAsync(Nanning, notice.Number)).Notice;
        Assert.Equal((SupervisionStatus.Answered, "已增派工程师到场，故障已排除。", "manager@test"), (answered.Status, answered.Answer, answered.AnsweredBy));
        await using (var db = await Db.CreateDbContextAsync())
            Assert.Contains(await db.Notifications.Where(n => n.InstanceId == notice.InstanceId).Select(n => n.ToUser).ToListAsync(), u => u == "coord-nn@test");

        // The Intranet Office issues on the enterprise itself; the deadline passes unanswered: escalated, the answer still owed.
        var (late, _) = await Notices.IssueAsync(Office, new SupervisionRequest(null, _net.ValidNanning.EnterpriseId, "近期多家单位反映响应慢，请提交整改报告。", _h.Clock.GetUtcNow().AddDays(1)));
        Assert.Equal((SupervisionIssuers.IntranetOffice, (string?)null, SupervisionTargets.Enterprise), (late.Issuer, late.CityCode, late.Target));
        Assert.DoesNotContain((await Notices.ListAsync(Nanning, new SupervisionFilter(), 0, 50)).Items, n => n.Id == late.Id);   // a regional notice is not the city's
        _h.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        while (await _h.Runtime.DrainTimersAsync() > 0) { }
        var escalated = (await Notices.GetAsync(Bureau, late.Number)).Notice;
        Assert.Equal(SupervisionStatus.Escalated, escalated.Status);
        var lateTask = await AnswerTaskAsync(escalated);
        Assert.StartsWith("【已逾期】", lateTask.Title);
        await using (var db = await Db.CreateDbContextAsync())
        {
            var told = await db.Notifications.Where(n => n.InstanceId == late.InstanceId).ToListAsync();
            Assert.Contains(told, n => n.ToRole == Roles.DataBureauAdmin && n.Subject.Contains("督办逾期"));
            Assert.Contains(told, n => n.ToUser == "office@test");
        }
        await Tasks.CompleteAsync(Manager, lateTask.Id, "answer", new JsonObject { ["answer"] = "整改报告已提交。" });
        Assert.Equal(SupervisionStatus.AnsweredLate, (await Notices.GetAsync(Manager, late.Id.ToString())).Notice.Status);
        Assert.Equal(["supervision-issued", "supervision-escalated", "supervision-answered-late"], (await Notices.GetAsync(Bureau, late.Number)).History.Select(e => e.Kind));

        // In the indicators: two notices, one of two answered by its deadline, the late one against it.
        var report = await _h.Services.GetRequiredService<KpiService>().ReportAsync(Bureau, "2026Q4", null, null);
        var group = report.Groups.Single(g => g.Dimension == KpiCalculator.ByEnterprise && g.Key == _net.ValidNanning.EnterpriseId.ToString());
        Assert.Equal(2, group[Kpis.SupervisionNotices].Value);
        Assert.Equal((50.0, 1.0, 2), (group[Kpis.SupervisionOnTime].Value, group[Kpis.SupervisionOnTime].Numerator, group[Kpis.SupervisionOnTime].Denominator));
        Assert.Equal([late.Number], group[Kpis.SupervisionOnTime].Against);
        // Read from the database too: the enterprise's staffed county (a certified technician at its Qingxiu point) is covered, no article published.
        Assert.True(group[Kpis.CountyCoverage].Numerator >= 1);
        Assert.DoesNotContain(ScenarioNetwork.Qingxiu, group[Kpis.CountyCoverage].Against);
        Assert.Equal(0, group[Kpis.KnowledgeContributions].Value);
        var city = report.Groups.Single(g => g.Dimension == KpiCalculator.ByCity && g.Key == "4501");
        Assert.Equal(1, city[Kpis.SupervisionNotices].Value);   // the regional notice has no city
    }
    [Fact]
    public async Task TheIssuingCoordinatorReviews_ReturnsOnceWithAComment_TheEnterpriseAnswersAgain_AndTheNoticeIsClosed_NobodyElseMayReview()
    {
        var ticket = await TicketAsync();
        var deadline = T0.AddDays(2);
        var (notice, _) = await Notices.IssueAsync(Nanning, new SupervisionRequest(ticket.Number, null, "到场超时，请说明原因并于两日内完成处理。", deadline));
        await Assert.ThrowsAsync<StateConflictException>(() => Notices.ReviewAsync(Nanning, notice.Number, SupervisionOutcomes.Accept, null));   // nothing answered yet
        await AdvanceAsync(TimeSpan.FromHours(1));
        await Tasks.CompleteAsync(Manager, (await AnswerTaskAsync(notice)).Id, "answer", new JsonObject { ["answer"] = "已安排工程师到场。" });

        // The review is the city's coordinators' (the issuing party), in their inbox and on the notice's page.
        var review = await OpenTaskAsync(notice, TaskKinds.SupervisionReview);
        Assert.Equal(Roles.MunicipalCoordinator, review.AssigneeRole);
        Assert.Contains((await Inbox.ListAsync(Nanning, new InboxQuery(InboxView.All))).Items, r => r.TaskId == review.Id);
        Assert.DoesNotContain((await Inbox.ListAsync(Liuzhou, new InboxQuery(InboxView.All))).Items, r => r.TaskId == review.Id);
        Assert.Equal(review.Id, (await Notices.GetAsync(Nanning, notice.Number)).Review?.Id);
        Assert.Null((await Notices.GetAsync(Manager, notice.Number)).Review);
        Assert.Null((await Notices.GetAsync(Office, notice.Number)).Review);

        // Nobody else reviews, each refusal logged: the enterprise, another party, another city (which does not even see it).
        await Assert.ThrowsAsync<ForbiddenException>(() => Notices.ReviewAsync(Manager, notice.Number, SupervisionOutcomes.Accept, null));
        await Assert.ThrowsAsync<ForbiddenException>(() => Notices.ReviewAsync(Office, notice.Number, SupervisionOutcomes.Accept, null));
        await Assert.ThrowsAsync<NotFoundException>(() => Notices.ReviewAsync(Liuzhou, notice.Number, SupervisionOutcomes.Accept, null));
        await Assert.ThrowsAsync<NotFoundException>(() => Tasks.CompleteAsync(Liuzhou, review.Id, SupervisionOutcomes.Accept, []));
        await Assert.ThrowsAsync<NotFoundException>(() => Tasks.CompleteAsync(Manager, review.Id, SupervisionOutcomes.Accept, []));
        Assert.True(_refusals.Of("manager@test") >= 2);
        Assert.True(_refusals.Of("office@test") >= 1);
        Assert.True(_refusals.Of("coord-lz@test") >= 2);
        Assert.Equal(SupervisionStatus.Answered, (await Notices.GetAsync(Bureau, notice.Number)).Notice.Status);

        // A return says why; without a word it is refused, whichever way it comes.
        var bare = await Assert.ThrowsAsync<InvalidInputException>(() => Notices.ReviewAsync(Nanning, notice.Number, SupervisionOutcomes.Return, "  "));
        Assert.Equal([(SupervisionProblems.ReturnComment, "comment")], bare.Problems.Select(p => (p.Code, p.Field)));
        await Assert.ThrowsAsync<InvalidInputException>(() => Tasks.CompleteAsync(Nanning, review.Id, SupervisionOutcomes.Return, []));
        await Assert.ThrowsAsync<InvalidInputException>(() => Notices.ReviewAsync(Nanning, notice.Number, "maybe", "x"));

        // Returned: the enterprise answers again by the same deadline (more than a day is left), the comment in its task.
        await AdvanceAsync(TimeSpan.FromHours(1));
        var returned = await Notices.ReviewAsync(Nanning, notice.Number, SupervisionOutcomes.Return, "请补充到场记录和故障原因分析。");
        Assert.Equal((SupervisionStatus.Returned, 1, "请补充到场记录和故障原因分析。", "coord-nn@test", (DateTimeOffset?)null, deadline),
            (returned.Status, returned.Returns, returned.ReviewComment, returned.ReviewedBy, returned.ExtendedDeadline, returned.DeadlineInForce));
        var again = await AnswerTaskAsync(returned);
        Assert.StartsWith("【退回重办】", again.Title);
        Assert.Contains("请补充到场记录和故障原因分析。", again.Description);
        Assert.Contains("请补充到场记录和故障原因分析。", again.DescriptionEn);
        Assert.Equal(deadline, again.DueAt);
        var told = await ToldAsync(notice, "SupervisionReturned");
        Assert.Equal([("manager@test", "email"), ("manager@test", "inbox")], told.Select(n => (n.ToUser!, n.Channel)).Order().ToArray());
        Assert.All(told, n => Assert.StartsWith($"【督办退回】{notice.Number}", n.Subject));
        Assert.Contains("请补充到场记录和故障原因分析。", told[0].Body);

        await AdvanceAsync(TimeSpan.FromHours(3));
        await Tasks.CompleteAsync(Manager, again.Id, "answer", new JsonObject { ["answer"] = "已补充到场记录；故障原因为电源适配器损坏，已更换。" });
        Assert.Equal(SupervisionStatus.Answered, (await Notices.GetAsync(Nanning, notice.Number)).Notice.Status);
        await AdvanceAsync(TimeSpan.FromMinutes(30));
        var closed = await Notices.ReviewAsync(Nanning, notice.Number, SupervisionOutcomes.Accept, null);
        Assert.Equal((SupervisionStatus.Closed, (DateTimeOffset?)_h.Clock.GetUtcNow(), false, "已补充到场记录；故障原因为电源适配器损坏，已更换。"),
            (closed.Status, closed.ClosedAt, closed.Late, closed.Answer));
        Assert.Empty(await _h.Store.ListTasksAsync(new TaskQuery(InstanceId: notice.InstanceId, Status: HumanTaskStatus.Open)));
        Assert.Equal([("manager@test", "email"), ("manager@test", "inbox")], (await ToldAsync(notice, "SupervisionClosed")).Select(n => (n.ToUser!, n.Channel)).Order().ToArray());
        await Assert.ThrowsAsync<StateConflictException>(() => Notices.ReviewAsync(Nanning, notice.Number, SupervisionOutcomes.Return, "再看看"));

        // Each step is in the notice's history, in the ticket's, and in the audit trail.
        string[] steps = ["supervision-issued", "supervision-answered", "supervision-returned", "supervision-answered", "supervision-accepted"];
        Assert.Equal(steps, (await Notices.GetAsync(Bureau, notice.Number)).History.Select(e => e.Kind));
        Assert.Equal(steps, (await _h.Services.GetRequiredService<ICaseDirectory>().HistoryAsync(ticket.Id)).Select(e => e.Kind).Where(k => k.StartsWith("supervision-")));
        await using (var db = await Db.CreateDbContextAsync())
            Assert.Equal(steps, (await db.Audit.Where(a => a.EntityKind == CaseKinds.Supervision && a.EntityId == notice.Number && steps.Contains(a.Action)).ToListAsync())
                .OrderBy(a => a.At).Select(a => a.Action));

        // Answered on time both times: on time in the indicators.
        var group = (await _h.Services.GetRequiredService<KpiService>().ReportAsync(Bureau, "2026Q4", null, null)).Groups
            .Single(g => g.Dimension == KpiCalculator.ByEnterprise && g.Key == _net.ValidNanning.EnterpriseId.ToString());
        Assert.Equal((100.0, 1.0, 1), (group[Kpis.SupervisionOnTime].Value, group[Kpis.SupervisionOnTime].Numerator, group[Kpis.SupervisionOnTime].Denominator));
    }

    [Fact]
    public async Task AnAnswerReturnedLate_GetsADay_AndOneAnsweredAfterThatCountsLate_TheIntranetOfficeReviewsItsOwn()
    {
        // The Data Bureau's notice, due in three hours; answered at once, returned with two hours left: the enterprise gets a day.
        var deadline = T0.AddHours(3);
        var (notice, _) = await Notices.IssueAsync(Bureau, new SupervisionRequest(null, _net.ValidNanning.EnterpriseId, "请提交响应时效整改报告。", deadline));
        await Tasks.CompleteAsync(Manager, (await AnswerTaskAsync(notice)).Id, "answer", new JsonObject { ["answer"] = "报告见附件。" });
        Assert.Equal(Roles.DataBureauAdmin, (await OpenTaskAsync(notice, TaskKinds.SupervisionReview)).AssigneeRole);
        await AdvanceAsync(TimeSpan.FromHours(1));
        var returned = await Notices.ReviewAsync(Bureau, notice.Number, SupervisionOutcomes.Return, "报告没有附上，请补交。");
        var extended = _h.Clock.GetUtcNow().AddDays(1);
        Assert.Equal((extended, deadline, false), (returned.DeadlineInForce, returned.Deadline, returned.Late));
        Assert.Equal(extended, (await AnswerTaskAsync(returned)).DueAt);

        // The day passes unanswered: escalated again, and the answer that comes after is late — the notice stays late.
        await AdvanceAsync(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        Assert.Equal(SupervisionStatus.Escalated, (await Notices.GetAsync(Bureau, notice.Number)).Notice.Status);
        var late = await AnswerTaskAsync(notice);
        Assert.StartsWith("【已逾期】", late.Title);
        Assert.Contains("报告没有附上，请补交。", late.Description);
        await Tasks.CompleteAsync(Manager, late.Id, "answer", new JsonObject { ["answer"] = "整改报告已补交。" });
        var answered = (await Notices.GetAsync(Bureau, notice.Number)).Notice;
        Assert.Equal((SupervisionStatus.AnsweredLate, true), (answered.Status, answered.Late));
        await Notices.ReviewAsync(Bureau, notice.Number, SupervisionOutcomes.Accept, "已收到。");
        var done = (await Notices.GetAsync(Manager, notice.Number)).Notice;
        Assert.Equal((SupervisionStatus.Closed, true, "已收到。"), (done.Status, done.Late, done.ReviewComment));
        Assert.Equal(["supervision-issued", "supervision-answered", "supervision-returned", "supervision-escalated", "supervision-answered-late", "supervision-accepted"],
            (await Notices.GetAsync(Bureau, notice.Number)).History.Select(e => e.Kind));

        // The Intranet Office reviews the answers to its own notices (in the inbox too), though it changes nothing else.
        var (office, _) = await Notices.IssueAsync(Office, new SupervisionRequest(null, _net.ValidNanning.EnterpriseId, "请说明近期投诉处理情况。", _h.Clock.GetUtcNow().AddDays(3)));
        var answerTask = await AnswerTaskAsync(office);
        await Assert.ThrowsAsync<ForbiddenException>(() => Tasks.CompleteAsync(Office, answerTask.Id, "answer", new JsonObject { ["answer"] = "代答" }));
        await Tasks.CompleteAsync(Manager, answerTask.Id, "answer", new JsonObject { ["answer"] = "投诉均已在时限内办结。" });
        var officeReview = await OpenTaskAsync(office, TaskKinds.SupervisionReview);
        Assert.Equal(Roles.IntranetSupervisor, officeReview.AssigneeRole);
        await Assert.ThrowsAsync<ForbiddenException>(() => Notices.ReviewAsync(Manager, office.Number, SupervisionOutcomes.Accept, null));
        Assert.NotNull((await Notices.GetAsync(Office, office.Number)).Review);
        await Tasks.CompleteAsync(Office, officeReview.Id, SupervisionOutcomes.Accept, new JsonObject { ["comment"] = "" });
        Assert.Equal(SupervisionStatus.Closed, (await Notices.GetAsync(Office, office.Number)).Notice.Status);

        // In the indicators: of the two decided notices, the one returned and then answered late counts against.
        var group = (await _h.Services.GetRequiredService<KpiService>().ReportAsync(Bureau, "2026Q4", null, null)).Groups
            .Single(g => g.Dimension == KpiCalculator.ByEnterprise && g.Key == _net.ValidNanning.EnterpriseId.ToString());
        Assert.Equal((50.0, 1.0, 2), (group[Kpis.SupervisionOnTime].Value, group[Kpis.SupervisionOnTime].Numerator, group[Kpis.SupervisionOnTime].Denominator));
        Assert.Equal([notice.Number], group[Kpis.SupervisionOnTime].Against);
    }
}

/// <summary>Counts the access refusals logged per user (AccessService's event 4030).</summary>
public sealed class RefusalLog : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();
    public int Of(string user) => _lines.Count(l => l.Contains(user, StringComparison.OrdinalIgnoreCase));
    public ILogger CreateLogger(string categoryName) => new Logger(this);
    public void Dispose() { }

    private sealed class Logger(RefusalLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == AccessService.Refused.Id) log._lines.Enqueue(formatter(state, exception));
        }
    }
}

public sealed class SqliteSupervisionTests : SupervisionTests
{
    protected override ITestDatabases Databases { get; } = new SqliteDatabases();
}

public sealed class PostgreSqlSupervisionTests : SupervisionTests
{
    protected override ITestDatabases Databases { get; } = new PostgreSqlDatabases();
}
