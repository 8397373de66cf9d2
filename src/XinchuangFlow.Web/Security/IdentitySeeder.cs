using XinchuangFlow.Application.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Infrastructure.Hosting;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Web.Security;

/// <summary>Creates the roles and, with demo data on, the administrator and one demo user per role.</summary>
public sealed class IdentitySeeder(IServiceProvider services, IOptions<SeedOptions> options, TimeProvider clock, ILogger<IdentitySeeder> log) : IHostedService
{
    public const string DemoPassword = "Demo#2026xf";

    public async Task StartAsync(CancellationToken ct)
    {
        // Migrations must have run; the initializer is registered before this service and runs first.
        _ = services.GetRequiredService<DatabaseInitializer>();
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
        // Nothing here touches existing accounts: a disabled account (AppUser.DisabledAt) stays disabled across restarts
        // and upgrades; the migration AccountDisabled carried the old lockout-based disabling over and cleared lockout.
        if (!options.Value.DemoData) return;
        var seeded = await services.GetRequiredService<DemoNetworkSeeder>().SeedAsync(ct);
        if (seeded > 0) log.LogInformation("Demo network seeded with {Technicians} technicians", seeded);
        await services.GetRequiredService<DemoLiaisonSeeder>().SeedAsync(ct);
        var firstIntegrator = (await services.GetRequiredService<XinchuangFlow.Domain.Network.INetworkRepository>().EnterprisesAsync(ct))
            .FirstOrDefault(e => e.Kind == XinchuangFlow.Domain.Network.EnterpriseKind.Integrator && e.Status == XinchuangFlow.Domain.Network.ShortlistStatus.Active);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        await EnsureUserAsync(users, options.Value.AdminEmail, options.Value.AdminPassword, "数据局管理员", Roles.DataBureauAdmin);
        await EnsureUserAsync(users, "dispatcher@xinchuang.local", DemoPassword, "调度员（演示）", Roles.Dispatcher);
        var demo = services.GetRequiredService<DemoTicketSeeder>();
        await demo.SeedUnitsAsync(ct);
        var factory = services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<XfDbContext>>();
        Guid? demoUnit;
        string? technicianName;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            demoUnit = (await db.ProcurementUnits.FirstOrDefaultAsync(u => u.Name == DemoTicketSeeder.DemoUnitName, ct))?.Id;
            // The demo technician is a real member of the network: a certified Nanning technician of the demo enterprise.
            if (firstIntegrator is not null && !await db.Technicians.AnyAsync(t => t.UserName == "tech@xinchuang.local", ct))
            {
                var today = ChinaTime.Today(clock);
                var pick = await (from t in db.Technicians
                                  join p in db.ServicePoints on t.ServicePointId equals p.Id
                                  where t.EnterpriseId == firstIntegrator.Id && t.Active && p.CountyCode.StartsWith("4501")
                                        && db.Certificates.Any(c => c.TechnicianId == t.Id && c.ProductCategory == "terminal" && c.ValidUntil >= today)
                                  orderby t.Name
                                  select t.Id).FirstOrDefaultAsync(ct);
                if (pick != Guid.Empty)
                {
                    // A tracked save of the login only (what is kept of the network for dispatch sees every tracked save).
                    var technician = await db.Technicians.AsNoTracking().FirstAsync(t => t.Id == pick, ct);
                    db.Attach(technician with { UserName = "tech@xinchuang.local" }).Property(t => t.UserName).IsModified = true;
                    await db.SaveChangesAsync(ct);
                }
            }
            // One name wherever the demo technician appears: the account's is the network's (tickets carry that one).
            technicianName = await db.Technicians.Where(t => t.UserName == "tech@xinchuang.local").Select(t => t.Name).FirstOrDefaultAsync(ct);
        }
        await EnsureUserAsync(users, "tech@xinchuang.local", DemoPassword, technicianName ?? "技术工程师（演示）", Roles.Technician, u => u.EnterpriseId = firstIntegrator?.Id);
        await EnsureUserAsync(users, "unit@xinchuang.local", DemoPassword, "南宁市财政局（演示）", Roles.ProcurementUser, u => { u.ProcurementUnitId = demoUnit; u.CityCode = "4501"; });
        var firstVendor = (await services.GetRequiredService<XinchuangFlow.Domain.Network.INetworkRepository>().EnterprisesAsync(ct))
            .FirstOrDefault(e => e.Kind == XinchuangFlow.Domain.Network.EnterpriseKind.ProductVendor);
        await EnsureUserAsync(users, "vendor@xinchuang.local", DemoPassword, "厂商技术支持（演示）", Roles.VendorSupport, u => u.EnterpriseId = firstVendor?.Id);
        await EnsureUserAsync(users, "manager@xinchuang.local", DemoPassword, "企业服务经理（演示）", Roles.EnterpriseManager, u => u.EnterpriseId = firstIntegrator?.Id);
        // The integrator's own dispatcher sees only that integrator's cases (the hotline desk above sees all).
        await EnsureUserAsync(users, "integrator@xinchuang.local", DemoPassword, "集成商调度员（演示）", Roles.Dispatcher, u => u.EnterpriseId = firstIntegrator?.Id);
        await EnsureUserAsync(users, "nanning@xinchuang.local", DemoPassword, "南宁市统筹协调单位（演示）", Roles.MunicipalCoordinator, u => u.CityCode = "4501");
        await EnsureUserAsync(users, "liuzhou@xinchuang.local", DemoPassword, "柳州市统筹协调单位（演示）", Roles.MunicipalCoordinator, u => u.CityCode = DemoTicketSeeder.SecondDemoCity);
        await EnsureUserAsync(users, "supervisor@xinchuang.local", DemoPassword, "内网办监督员（演示）", Roles.IntranetSupervisor);
        var started = clock.GetTimestamp();
        // The knowledge first, so the demo tickets' resolutions can cite it.
        if (await demo.WillSeedTicketsAsync(options.Value.DemoTickets, ct)) await WriteTheDemoKnowledgeAsync(firstIntegrator?.Id, ct);
        var tickets = await demo.SeedTicketsAsync(options.Value.DemoTickets, "unit@xinchuang.local", ct);
        if (tickets > 0)
        {
            log.LogInformation("Demo work orders seeded: {Count} in {Seconds:0.0} s", tickets, clock.GetElapsedTime(started).TotalSeconds);
            if (firstIntegrator is not null) await GiveTheDemoTechnicianWorkAsync(firstIntegrator.Id, ct);
            if (firstIntegrator is not null) await ReportTheDemoServiceDataAsync(firstIntegrator.Id, ct);
            if (firstIntegrator is not null) await StartTheDemoAssessmentAsync(users, firstIntegrator.Id, ct);
            if (firstIntegrator is not null) await IssueTheDemoNoticesAsync(firstIntegrator.Id, ct);
            if (firstIntegrator is not null) await StartTheDemoBuildOutAsync(users, firstIntegrator.Id, ct);
            await PutMailInTheServiceMailboxAsync(ct);
        }
    }

    /// <summary>
    /// The last quarter's assessment under way (ASM-2), as the schedule would have started it: the demo enterprise's
    /// manager has its objection task waiting, and another enterprise has objected, so the Data Bureau has a ruling waiting.
    /// </summary>
    private async Task StartTheDemoAssessmentAsync(UserManager<AppUser> users, Guid demoEnterprise, CancellationToken ct)
    {
        var days = services.GetService<XinchuangFlow.Infrastructure.Scheduling.AssessmentScheduleOptions>()?.DaysAfterQuarter ?? 5;
        if (XinchuangFlow.Domain.Assessment.AssessmentPeriod.DueForAssessment(clock.GetUtcNow(), days) is not { } quarter) return;
        var rounds = services.GetRequiredService<XinchuangFlow.Application.Assessment.IAssessmentRounds>();
        if (await services.GetRequiredService<XinchuangFlow.Application.Assessment.AssessmentRoundService>().StartScheduledAsync(quarter, ct) is null) return;
        var round = await rounds.OpenRoundAsync(quarter, ct);
        if (round is null) return;
        var other = (await rounds.ResultsAsync(round.Id, null, ct)).FirstOrDefault(r => r.EnterpriseId != demoEnterprise && r.Total is not null);
        if (other is null) return;
        var store = services.GetRequiredService<IWorkflowStore>();
        var task = (await store.ListTasksAsync(new TaskQuery(InstanceId: other.InstanceId, Status: HumanTaskStatus.Open), ct)).FirstOrDefault(t => t.TaskKind == TaskKinds.AssessmentObjection);
        if (task is null) return;
        // The objector is a real account: that enterprise's service manager.
        await EnsureUserAsync(users, "manager2@xinchuang.local", DemoPassword, "企业服务经理（演示二）", Roles.EnterpriseManager, u => u.EnterpriseId = other.EnterpriseId);
        await services.GetRequiredService<WorkflowRuntime>().CompleteTaskAsync(task.Id, "object", new System.Text.Json.Nodes.JsonObject
        {
            ["reason"] = "本季度有 3 张工单因采购单位联系人更换未能按时到场，已在系统中补录联系变更记录，请核减到场超时计数。",
            ["evidence"] = "联系人变更通知（采购单位盖章）及工单沟通记录截图",
        }, "manager2@xinchuang.local", ct);
        log.LogInformation("Demo assessment of {Quarter} started; {Enterprise} objected", quarter, other.EnterpriseName);
    }

    /// <summary>
    /// Supervision notices (ASM-7) waiting for the demo enterprise's manager: the Nanning coordinator's on one of its open
    /// Nanning tickets, and the Data Bureau's on the enterprise's service in general; and one the manager has answered,
    /// waiting for the Nanning coordinator's review.
    /// </summary>
    private async Task IssueTheDemoNoticesAsync(Guid demoEnterprise, CancellationToken ct)
    {
        var notices = services.GetRequiredService<XinchuangFlow.Application.Assessment.SupervisionService>();
        string? ticket;
        await using (var db = await services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync(ct))
            ticket = await db.Tickets.Where(t => t.IntegratorId == demoEnterprise && t.CityCode == "4501" && t.Status != TicketStatus.Closed && t.Status != TicketStatus.Cancelled)
                .OrderBy(t => t.Number).Select(t => t.Number).FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow();
        var deadline = ChinaTime.At(ChinaTime.DayOf(now).AddDays(2), new TimeOnly(18, 0));
        var coordinator = XinchuangFlow.Application.Access.Actor.Of("nanning@xinchuang.local", [Roles.MunicipalCoordinator], cityCode: "4501");
        var bureau = XinchuangFlow.Application.Access.Actor.Of("admin@xinchuang.local", [Roles.DataBureauAdmin]);
        if (ticket is not null)
            await notices.IssueAsync(coordinator, new XinchuangFlow.Application.Assessment.SupervisionRequest(ticket, null,
                "采购单位反映该工单处理进度不明。请说明当前进展、到场安排和预计解决时间，并于期限内完成处理。", deadline), ct);
        await notices.IssueAsync(bureau, new XinchuangFlow.Application.Assessment.SupervisionRequest(null, demoEnterprise,
            "近一个月南宁市多家单位反映响应偏慢。请提交响应时效整改报告，说明原因、整改措施和完成时间。", ChinaTime.At(ChinaTime.DayOf(now).AddDays(5), new TimeOnly(18, 0))), ct);
        var (answered, _) = await notices.IssueAsync(coordinator, new XinchuangFlow.Application.Assessment.SupervisionRequest(null, demoEnterprise,
            "请报送南宁市各县区服务网点本月值班安排，确保节假日期间有人响应。", ChinaTime.At(ChinaTime.DayOf(now).AddDays(3), new TimeOnly(18, 0))), ct);
        var manager = XinchuangFlow.Application.Access.Actor.Of("manager@xinchuang.local", [Roles.EnterpriseManager], enterpriseId: demoEnterprise);
        await services.GetRequiredService<XinchuangFlow.Application.Tasks.TaskService>().CompleteOpenAsync(manager, answered.InstanceId, TaskKinds.SupervisionAnswer, "answer",
            new System.Text.Json.Nodes.JsonObject { ["answer"] = "已报送本月值班表：南宁市各县区网点均安排两名工程师轮值，节假日值班电话已在门户公布。" }, ct);
        log.LogInformation("Demo supervision notices issued");
    }

    /// <summary>
    /// The build-out evaluation (ASM-4) under way: the demo enterprise's manager is filling in its self-assessment (two
    /// items written, due in three weeks), and another integrator has submitted its own, waiting for the Data Bureau's review.
    /// </summary>
    private async Task StartTheDemoBuildOutAsync(UserManager<AppUser> users, Guid demoEnterprise, CancellationToken ct)
    {
        var buildOut = services.GetRequiredService<XinchuangFlow.Application.Assessment.BuildOutService>();
        var bureau = XinchuangFlow.Application.Access.Actor.Of("admin@xinchuang.local", [Roles.DataBureauAdmin]);
        var today = ChinaTime.Today(clock);
        // The other enterprise is the second demo manager's (the one that objected to its quarter), so its steps name a person.
        var second = (await users.FindByNameAsync("manager2@xinchuang.local"))?.EnterpriseId;
        var other = (await services.GetRequiredService<XinchuangFlow.Domain.Network.INetworkRepository>().EnterprisesAsync(ct))
            .Where(e => e.Id != demoEnterprise && e.Kind == XinchuangFlow.Domain.Network.EnterpriseKind.Integrator && e.Status == XinchuangFlow.Domain.Network.ShortlistStatus.Active)
            .OrderBy(e => e.Id == second ? 0 : 1).ThenBy(e => e.Name, StringComparer.Ordinal).FirstOrDefault();
        await buildOut.OpenAsync(bureau, demoEnterprise, today.AddDays(-40), ct);
        var manager = XinchuangFlow.Application.Access.Actor.Of("manager@xinchuang.local", [Roles.EnterpriseManager], enterpriseId: demoEnterprise);
        await buildOut.SaveItemAsync(manager, demoEnterprise, XinchuangFlow.Domain.Assessment.BuildOutItems.Entry,
            "设立 7×24 小时服务热线和网上报修门户，受理电话已在采购单位服务手册和门户首页公布；服务邮箱由调度中心专人值守。", ct);
        await buildOut.SaveItemAsync(manager, demoEnterprise, XinchuangFlow.Domain.Assessment.BuildOutItems.System,
            "已印发《信创运维服务管理办法》，包括受理派单、到场时限、升级处理、投诉处理、回访和保密管理等制度。", ct);
        if (other is null) return;
        if (second != other.Id)
            await EnsureUserAsync(users, "manager2@xinchuang.local", DemoPassword, "企业服务经理（演示二）", Roles.EnterpriseManager, u => u.EnterpriseId = other.Id);
        await buildOut.OpenAsync(bureau, other.Id, today.AddDays(-55), ct);
        var otherManager = XinchuangFlow.Application.Access.Actor.Of("manager2@xinchuang.local", [Roles.EnterpriseManager], enterpriseId: other.Id);
        var texts = new Dictionary<string, string>
        {
            [XinchuangFlow.Domain.Assessment.BuildOutItems.Entry] = "统一服务热线和微信报修入口已开通，受理时间为每日 8:00–22:00，夜间转值班工程师。",
            [XinchuangFlow.Domain.Assessment.BuildOutItems.System] = "服务管理制度共 12 项，已于中标后一个月内印发并组织全员学习。",
            [XinchuangFlow.Domain.Assessment.BuildOutItems.Network] = "在各设区市均设有自有或合作网点，部分县区由邻县网点覆盖，正在补点。",
            [XinchuangFlow.Domain.Assessment.BuildOutItems.Platform] = "企业服务平台已按数据交换标准对接，接入密钥已申领。",
            [XinchuangFlow.Domain.Assessment.BuildOutItems.Training] = "已组织两期信创产品培训，工程师持证情况见附件清单。",
            [XinchuangFlow.Domain.Assessment.BuildOutItems.Knowledge] = "已建立内部知识库，典型故障处理方法正在整理后提交平台知识库。",
        };
        foreach (var (code, text) in texts) await buildOut.SaveItemAsync(otherManager, other.Id, code, text, ct);
        await buildOut.AddEvidenceAsync(otherManager, other.Id, XinchuangFlow.Domain.Assessment.BuildOutItems.Training, "培训与持证清单.txt",
            new MemoryStream(System.Text.Encoding.UTF8.GetBytes("信创产品培训记录\n第一期：2026 年 9 月，32 人\n第二期：2026 年 10 月，28 人\n")), ct);
        await buildOut.SubmitAsync(otherManager, other.Id, ct);
        log.LogInformation("Demo build-out evaluations opened; {Enterprise} submitted its own", other.Name);
    }

    /// <summary>
    /// The demo knowledge base (issue 22): about sixty articles written for this project, by the demo technician and
    /// the service manager, through the knowledge service and its review flow — most published by the Data Bureau,
    /// some waiting for its review (the administrator's inbox has them), some returned with a comment, some drafts.
    /// </summary>
    private async Task WriteTheDemoKnowledgeAsync(Guid? enterprise, CancellationToken ct)
    {
        var knowledge = services.GetRequiredService<XinchuangFlow.Application.Knowledge.KnowledgeService>();
        var tech = XinchuangFlow.Application.Access.Actor.Of("tech@xinchuang.local", [Roles.Technician], enterpriseId: enterprise);
        var manager = XinchuangFlow.Application.Access.Actor.Of("manager@xinchuang.local", [Roles.EnterpriseManager], enterpriseId: enterprise);
        var bureau = XinchuangFlow.Application.Access.Actor.Of("admin@xinchuang.local", [Roles.DataBureauAdmin]);
        var articles = XinchuangFlow.Infrastructure.Knowledge.DemoKnowledge.Load();
        var written = 0;
        for (var i = 0; i < articles.Count; i++)
        {
            var a = articles[i];
            var author = i % 3 == 2 ? manager : tech;
            try
            {
                var view = await knowledge.CreateAsync(author, new XinchuangFlow.Domain.Knowledge.ArticleContent(a.Kind, a.Title, a.Symptom, a.Cause, a.Steps, a.Tags, a.ForUsers), ct);
                var number = view.Article.Number;
                if (a.State != XinchuangFlow.Domain.Knowledge.ArticleStatus.Draft) await knowledge.SubmitAsync(author, number, ct);
                if (a.State == XinchuangFlow.Domain.Knowledge.ArticleStatus.Published)
                    await knowledge.ReviewAsync(bureau, number, XinchuangFlow.Domain.Knowledge.KnowledgeOutcomes.Approve, null, ct);
                else if (a.State == XinchuangFlow.Domain.Knowledge.ArticleStatus.Returned)
                    await knowledge.ReviewAsync(bureau, number, XinchuangFlow.Domain.Knowledge.KnowledgeOutcomes.Return, a.ReviewComment ?? "请补充适用的版本和验证结果。", ct);
                written++;
            }
            catch (XfException ex)
            {
                log.LogWarning("Demo article {Key} not written: {Message}", a.Key, ex.Message);
            }
        }
        log.LogInformation("Demo knowledge articles written: {Count}", written);
        // Kylin V4 is out of service: its articles show as outdated in the reviewers' insights.
        await services.GetRequiredService<XinchuangFlow.Application.Knowledge.KnowledgeUseService>().SetRetiredAsync(bureau, "os:银河麒麟V4", true, ct);
    }

    /// <summary>
    /// The service mailbox has mail as if it had been polled: a request from the demo unit (filed as a ticket) and two
    /// from addresses the platform does not know, waiting for the desk's triage. They go through the mailbox's own reader
    /// and service, as polled mail does.
    /// </summary>
    /// <summary>
    /// The demo enterprise's own service desk reports a few weeks of tickets it handled by the exchange standard (DAT-2):
    /// all closed (they wait for nobody), for the units it serves other than the demo unit, some late on site, some from another
    /// city's service point, a few with a complaint — so the indicators mix reported tickets with the platform's and the
    /// enterprise has a batch to look at.
    /// </summary>
    private async Task ReportTheDemoServiceDataAsync(Guid enterprise, CancellationToken ct)
    {
        List<XinchuangFlow.Domain.Tickets.ProcurementUnit> units;
        await using (var db = await services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync(ct))
            units = await db.ProcurementUnits.AsNoTracking().Where(u => u.Name != DemoTicketSeeder.DemoUnitName && u.IntegratorId == enterprise)
                .OrderBy(u => u.Name).Take(8).ToListAsync(ct);
        if (units.Count == 0) return;
        var divisions = XinchuangFlow.Domain.Network.GuangxiDivisions.Shipped;
        string[] titles = ["统信UOS 终端开机黑屏", "打印机驱动安装失败", "达梦数据库连接数不足", "WPS 打开版式文件卡死", "银河麒麟V10 无法连接内网", "扫描仪无法识别"];
        string[] categories = ["terminal", "peripheral", "database", "office", "os", "peripheral"];
        var now = clock.GetUtcNow();
        var records = new System.Text.Json.Nodes.JsonArray();
        for (var i = 0; i < 24; i++)
        {
            var unit = units[i % units.Count];
            var created = now.AddDays(-(6 + i * 2)).AddHours(-(i % 5));
            var id = $"BG-{i + 1:0000}";
            System.Text.Json.Nodes.JsonObject Record(string type) => new() { ["type"] = type, ["enterprise"] = enterprise.ToString(), ["externalId"] = id };
            var ticket = Record("ticket");
            ticket["createdAt"] = created.ToString("O");
            (ticket["channel"], ticket["procurementUnit"], ticket["cityCode"], ticket["countyCode"]) = (i % 3 == 0 ? "hotline" : "portal", unit.Name, unit.CityCode, unit.CountyCode);
            (ticket["productCategory"], ticket["title"], ticket["contactName"]) = (categories[i % titles.Length], titles[i % titles.Length], "联系人");
            records.Add(ticket);
            // Every fifth comes from a service point in another city (12 h on site); every seventh is late on site.
            var point = i % 5 == 4 ? divisions.OtherCitiesByDistance(unit.CountyCode).Select(c => divisions.CountiesOf(c.Code)[0].Code).First() : unit.CountyCode;
            var onSite = i % 7 == 3 ? 6.5 : i % 5 == 4 ? 8 : 2.5;
            var seq = 0;
            void Event(double hours, string kind, Action<System.Text.Json.Nodes.JsonObject>? more = null)
            {
                var e = Record("event");
                (e["sequence"], e["at"], e["kind"]) = (++seq, created.AddHours(hours).ToString("O"), kind);
                more?.Invoke(e);
                records.Add(e);
            }
            Event(0.25, "dispatched", e => (e["technician"], e["servicePointCounty"]) = ("企业平台工程师", point));
            Event(0.5, "accepted");
            Event(0.75, "set-out");
            Event(0.5 + onSite, "checked-in");
            Event(onSite + 2, "resolved", e => e["resolution"] = "现场处理完成，用户确认恢复");
            Event(onSite + 3, "feedback", e => e["satisfaction"] = i % 9 == 4 ? 2 : 4 + i % 2);
            if (i % 6 == 5)
            {
                Event(onSite + 4, "complaint");
                Event(onSite + 30, "complaint-closed");
            }
            Event(onSite + 31, "closed");
        }
        var batch = System.Text.Json.JsonDocument.Parse(new System.Text.Json.Nodes.JsonObject { ["standard"] = "v1", ["records"] = records }.ToJsonString()).RootElement;
        var platform = Actor.Of("platform:demo0001", [Roles.EnterprisePlatform], enterprise);
        var report = await services.GetRequiredService<XinchuangFlow.Application.Exchange.ExchangeService>().IngestAsync(platform, batch, ct);
        log.LogInformation("Demo service data reported by the enterprise's own platform: {Stored} records, {Tickets} tickets, {Rejected} refused",
            report.Stored, report.Tickets, report.Rejected);
    }

    private async Task PutMailInTheServiceMailboxAsync(CancellationToken ct)
    {
        var reader = services.GetRequiredService<XinchuangFlow.Application.Mail.IMailReader>();
        var mailbox = services.GetRequiredService<XinchuangFlow.Application.Mail.MailboxService>();
        (string Name, string From, string Subject, string Text)[] mails =
        [
            ("南宁市财政局", "unit@xinchuang.local", "三楼会议室投影仪旁的电脑无法开机", "三楼会议室投影仪旁的电脑按电源键无反应，指示灯不亮，明早9点有会议，请尽快安排。"),
            ("张三", "zhang.san@gxjy.example", "办公电脑连接不上打印机", "您好，我是自治区教育厅信息中心的张三，我们办公室的统信UOS电脑连不上打印机，添加打印机时提示找不到驱动。电话 0771-5551234。"),
            ("", "promo@ads.example", "优惠代开发票", "优惠代开发票，量大从优。"),
        ];
        for (var i = 0; i < mails.Length; i++)
        {
            var message = new MimeKit.MimeMessage { Subject = mails[i].Subject, MessageId = $"demo-{i}@xinchuang.local" };
            message.From.Add(new MimeKit.MailboxAddress(mails[i].Name, mails[i].From));
            message.To.Add(new MimeKit.MailboxAddress("", "service@xinchuang.local"));
            message.Body = new MimeKit.TextPart("plain") { Text = mails[i].Text };
            using var raw = new MemoryStream();
            await message.WriteToAsync(raw, ct);
            var record = await mailbox.ProcessAsync(reader.Read(raw.ToArray()), ct);
            log.LogInformation("Demo mail {Subject}: {Outcome}", record.Subject, record.Outcome);
        }
    }

    /// <summary>
    /// The demo technician's login must have work waiting: a few open Nanning terminal tickets of their enterprise are
    /// re-dispatched to them through the same use case a dispatcher uses.
    /// </summary>
    private async Task GiveTheDemoTechnicianWorkAsync(Guid enterpriseId, CancellationToken ct)
    {
        const string tech = "tech@xinchuang.local";
        List<string> numbers;
        await using (var db = await services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync(ct))
            numbers = await db.Tickets.AsNoTracking()
                .Where(t => t.CityCode == "4501" && t.IntegratorId == enterpriseId && t.ProductCategory == "terminal" && t.TechnicianUser != tech
                            && (t.Status == XinchuangFlow.Domain.Tickets.TicketStatus.Dispatched || t.Status == XinchuangFlow.Domain.Tickets.TicketStatus.Accepted))
                .OrderByDescending(t => t.CreatedAt).Select(t => t.Number).Take(5).ToListAsync(ct);
        var actions = services.GetRequiredService<XinchuangFlow.Application.Tickets.TicketActionService>();
        var dispatcher = Actor.Of("dispatcher@xinchuang.local", [Roles.Dispatcher]);
        var moved = new List<XinchuangFlow.Domain.Tickets.Ticket>();
        foreach (var number in numbers)
        {
            try { moved.Add(await actions.RedispatchAsync(dispatcher, number, tech, "演示：转派给演示工程师账号", ct)); }
            catch (Exception ex) when (ex is InvalidInputException or StateConflictException)
            {
                log.LogInformation("Demo ticket {Number} stays with its technician: {Message}", number, ex.Message);
            }
        }
        // And the vendor's engineer gets a request for support: the technician works one accepted ticket up to asking
        // its product vendor, as they would in the inbox.
        var techActor = Actor.Of(tech, [Roles.Technician]);
        var tasks = services.GetRequiredService<XinchuangFlow.Application.Tasks.TaskService>();
        if (moved.FirstOrDefault(t => t.Status == XinchuangFlow.Domain.Tickets.TicketStatus.Accepted && t.ProductVendor is { Length: > 0 }) is { } ask
            && await tasks.CompleteOpenAsync(techActor, ask.InstanceId, XinchuangFlow.Domain.Tickets.TaskKinds.Handle, XinchuangFlow.Domain.Tickets.TicketOutcomes.Remote, new System.Text.Json.Nodes.JsonObject { ["location"] = "" }, ct) is not null)
            await tasks.CompleteOpenAsync(techActor, ask.InstanceId, XinchuangFlow.Domain.Tickets.TaskKinds.Resolve, XinchuangFlow.Domain.Tickets.TicketOutcomes.VendorSupport,
                new System.Text.Json.Nodes.JsonObject { ["resolution"] = "远程排查为显卡驱动与系统版本不兼容，需要厂商提供适配驱动。" }, ct);
    }

    private async Task EnsureUserAsync(UserManager<AppUser> users, string email, string password, string name, string role, Action<AppUser>? scope = null)
    {
        if (await users.FindByNameAsync(email) is not null) return;
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, PasswordChangedAt = clock.GetUtcNow() };
        scope?.Invoke(user);
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            log.LogError("Demo user {Email} was not created: {Errors}", email, string.Join("; ", result.Errors.Select(e => e.Description)));
            return;
        }
        await users.AddToRoleAsync(user, role);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
