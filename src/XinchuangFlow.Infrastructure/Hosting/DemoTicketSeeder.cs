using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Infrastructure.Persistence;
using XinchuangFlow.Application;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Tickets;

namespace XinchuangFlow.Infrastructure.Hosting;

/// <summary>
/// Demo procurement units and a few hundred work orders spread over the last quarter and this one, in every state — some breached,
/// some reopened, some with complaints. Each ticket really goes through the shipped <c>service-ticket</c> flow, on
/// a clock set to the moments of its life, so its clocks, history and journal are what the platform would have
/// recorded. Runs only when there are no tickets yet.
/// </summary>
public sealed class DemoTicketSeeder(
    IDbContextFactory<XfDbContext> factory, IWorkflowStore store, ActivityRegistry registry, IExpressionEvaluator expressions,
    DefinitionCache definitions, ITicketRepository tickets, ICaseDirectory cases, AccessService access, GuangxiDivisions divisions, TimeProvider clock,
    XinchuangFlow.Application.Knowledge.IKnowledgeSearch knowledge, XinchuangFlow.Application.Knowledge.IKnowledgeStore articles, ILogger<DemoTicketSeeder> log)
{
    /// <summary>Whether <see cref="SeedTicketsAsync"/> would seed (a database without tickets).</summary>
    public async Task<bool> WillSeedTicketsAsync(int count, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return count > 0 && !await db.Tickets.AnyAsync(ct);
    }

    /// <summary>The published article that best answers the ticket, when one does (a demo resolution cites it sometimes).</summary>
    private async Task<string?> BestArticleAsync(Ticket ticket, CancellationToken ct)
    {
        var hits = await knowledge.SearchAsync(new XinchuangFlow.Application.Knowledge.KnowledgeSearchQuery(ticket.Title + " " + ticket.Description, [], false, 1), ct);
        if (hits.Hits.Count == 0) return null;
        return (await articles.FindManyAsync([hits.Hits[0].Id], ct)).FirstOrDefault()?.Number;
    }

    /// <summary>The unit the demo procurement-unit user belongs to.</summary>
    public const string DemoUnitName = "南宁市财政局";

    /// <summary>The city of the second demo municipal coordinator (Liuzhou), which gets a fair share of the history.</summary>
    public const string SecondDemoCity = "4502";

    private static readonly string[] UnitKinds = ["财政局", "教育局", "卫生健康委员会", "人民政府办公室", "市场监督管理局"];
    private static readonly (string? Os, string? Cpu)[] Platforms =
    [
        ("银河麒麟V10", "飞腾"), ("统信UOS 20", "鲲鹏"), ("银河麒麟V10", "鲲鹏"), ("统信UOS 20", "海光"), ("银河麒麟V10", "飞腾"),
        ("统信UOS 20", "龙芯"), ("中科方德", "兆芯"), (null, null),
    ];

    private static readonly (string Category, string Title, string Description, string Impact, string? Vendor)[] Problems =
    [
        ("terminal", "统信UOS终端无法开机", "按电源键无反应，指示灯不亮。", "single", "统信终端设备厂商（演示）"),
        ("terminal", "办公电脑蓝屏", "登录后频繁蓝屏重启，无法正常办公。", "single", null),
        ("os", "麒麟系统无法登录", "输入密码后回到登录界面，无法登录。", "single", "麒麟软件服务中心（演示）"),
        ("office", "WPS 文档无法保存", "保存到共享目录时报权限错误。", "single", null),
        ("peripheral", "打印机无法打印", "国产打印机驱动安装后仍无法打印。", "department", null),
        ("database", "达梦数据库连接超时", "业务系统访问数据库频繁超时，部门无法办理业务。", "department", "达梦数据库华南服务部（演示）"),
        ("network", "办公网络中断", "整层楼网络中断，全部瘫痪。", "unit", null),
        ("middleware", "中间件服务异常", "应用服务器中间件进程反复退出。", "department", null),
        ("server", "服务器宕机", "核心系统服务器宕机，全单位无法办公。", "unit", null),
    ];

    /// <summary>What units complain about, in their words, with the complaint's category.</summary>
    private static readonly (string Description, string Category)[] Grievances =
    [
        ("维修后第二天同一故障再次出现，要求彻底排查并说明原因。", "quality"),
        ("工程师比承诺时间晚到两个多小时，整个科室半天无法办公。", "timeliness"),
        ("工程师电话沟通态度生硬，没有说明处理进度和预计时间。", "attitude"),
        ("更换的配件与原机型号不一致，使用一天后又出现异常。", "quality"),
        ("报修后一整天无人联系，拨打热线也说不清派给了谁。", "service"),
        ("远程处理后问题依旧，多次要求上门均被推脱。", "service"),
        ("约定的回访没有进行，系统至今仍提示同样的错误。", "timeliness"),
        ("维修前未提醒备份，重装系统后部分业务文件丢失。", "quality"),
        ("工程师未出示工作证件，也未登记到场时间。", "other"),
    ];

    /// <summary>Creates the demo units when there are none; returns how many.</summary>
    public async Task<int> SeedUnitsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.ProcurementUnits.AnyAsync(ct)) return 0;
        var integrators = await db.Enterprises.Where(e => e.Kind == EnterpriseKind.Integrator).OrderBy(e => e.Name).ToListAsync(ct);
        var random = new Random(20240905);
        var count = 0;
        foreach (var city in divisions.Cities)
        {
            var counties = divisions.CountiesOf(city.Code);
            foreach (var kind in UnitKinds.Take(city.Code == "4501" ? 5 : 3))
            {
                var county = kind == "人民政府办公室" ? counties[random.Next(counties.Count)] : counties[0];
                var name = kind == "人民政府办公室" ? $"{county.Name}{kind}" : $"{city.Name}{kind}";
                // Most units contract an active integrator; a few still name the suspended one.
                var active = integrators.Where(e => e.Status == ShortlistStatus.Active).ToList();
                var pool = random.NextDouble() < 0.05 || active.Count == 0 ? integrators : active;
                var integrator = pool.Count == 0 ? null : pool[random.Next(pool.Count)];
                db.ProcurementUnits.Add(new ProcurementUnit { Id = Guid.CreateVersion7(), Name = name, CityCode = city.Code, CountyCode = county.Code, IntegratorId = integrator?.Id });
                count++;
            }
        }
        await db.SaveChangesAsync(ct);
        return count;
    }

    /// <summary>Seeds <paramref name="count"/> tickets when there are none; returns how many were created.</summary>
    public async Task<int> SeedTicketsAsync(int count, string unitUser, CancellationToken ct = default)
    {
        List<ProcurementUnit> units;
        List<(string User, string Category, string City)> certified;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            if (count <= 0 || await db.Tickets.AnyAsync(ct)) return 0;
            units = await db.ProcurementUnits.AsNoTracking().OrderBy(u => u.Name).ToListAsync(ct);
            if (units.Count == 0) return 0;
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var rows = await (from t in db.Technicians
                              join e in db.Enterprises on t.EnterpriseId equals e.Id
                              join p in db.ServicePoints on t.ServicePointId equals p.Id
                              join c in db.Certificates on t.Id equals c.TechnicianId
                              where t.Active && e.Status == ShortlistStatus.Active && c.ValidUntil >= today
                              orderby t.UserName
                              select new { t.UserName, c.ProductCategory, p.CountyCode }).ToListAsync(ct);
            certified = rows.Select(r => (r.UserName, r.ProductCategory, r.CountyCode[..4])).ToList();
        }
        var demoClock = new SettableClock(clock.GetUtcNow());
        var runtime = new WorkflowRuntime(store, registry, expressions, demoClock, definitions);
        var service = new TicketIntakeService(runtime, cases, tickets, access, divisions, demoClock);
        var random = new Random(20241128);
        var now = clock.GetUtcNow();
        var span = now - XinchuangFlow.Domain.Rules.RuleReplay.LastQuarter(now).From + TimeSpan.FromDays(3);
        var liuzhou = units.Where(u => u.CityCode == SecondDemoCity).ToList();
        var created = 0;
        var demoUnit = units.FirstOrDefault(u => u.Name == DemoUnitName);
        // The newest few are the demo logins' own work, played by a script rather than by chance: a request of the demo
        // unit waiting for its rating, and three open terminal requests for the demo technician (IdentitySeeder hands
        // them over) — so every demo login finds work, whatever the random draws did to the rest.
        var scripted = demoUnit is not null && count >= 2 * Scripted.Length ? count - Scripted.Length : count;
        for (var i = scripted; i < count; i++)
        {
            var script = Scripted[i - scripted];
            demoClock.Set(now - script.Age);
            var problem = Problems[script.Problem];
            var request = new TicketRequest
            {
                Channel = "portal", ProcurementUnitId = demoUnit!.Id, ProcurementUnit = demoUnit.Name, ContactName = "陆科长", ContactPhone = "0771-5550101",
                CityCode = demoUnit.CityCode, CountyCode = demoUnit.CountyCode, ProductCategory = problem.Category, ProductVendor = problem.Vendor,
                Title = problem.Title, Description = problem.Description, Impact = problem.Impact,
            };
            try
            {
                var (ticket, _) = await service.CreateTrustedAsync(request, unitUser, mayNameIntegrator: false, ct);
                created++;
                var done = true;
                foreach (var (kind, outcome, after, data) in script.Steps)
                    if (!await StepAsync(runtime, demoClock, ticket, kind, outcome, after, data, now, ct)) { done = false; break; }
                if (done && script.Complaint is { } grievance)
                {
                    // The unit complains after a poor rating; the enterprise has answered, and the complaint now waits at
                    // the city coordinator's review — so the coordinator, and the Data Bureau's inbox, have one to decide.
                    var (complaint, _) = await service.FileComplaintTrustedAsync(ticket, new ComplaintRequest(Grievances[grievance].Description, Grievances[grievance].Category),
                        ticket.CreatedBy, ticket.ProcurementUnitId, ct);
                    demoClock.Set(demoClock.GetUtcNow() + TimeSpan.FromHours(2));
                    var handle = (await runtime.Store.ListTasksAsync(new TaskQuery(InstanceId: complaint.InstanceId, Status: HumanTaskStatus.Open, TaskKind: TaskKinds.ComplaintHandle), ct))
                        .FirstOrDefault(t => t.HasOutcome(ComplaintOutcomes.Respond));
                    if (handle is not null)
                        await runtime.CompleteTaskAsync(handle.Id, ComplaintOutcomes.Respond,
                            new JsonObject { ["response"] = "已向用户致歉，安排工程师今日再次上门，更换显卡并复测。" }, handle.AssigneeUser ?? "manager@xinchuang.local", ct);
                }
            }
            catch (Exception ex) when (ex is InvalidInputException or StateConflictException or ConcurrencyConflictException or TaskAlreadyCompletedException)
            {
                log.LogWarning("Demo ticket {Index} stopped early: {Message}", i, ex.Message);
            }
        }
        for (var i = 0; i < scripted; i++)
        {
            // Older tickets first, back to the start of the last quarter (what a what-if replay looks at by default);
            // the newest few are only hours old and still open.
            var age = TimeSpan.FromHours(Math.Pow((double)(count - i) / count, 1.5) * span.TotalHours) + TimeSpan.FromMinutes(random.Next(5, 50));
            demoClock.Set(now - age);
            // What came due in the demo's past happens then (a reminder, an escalation), not all at once when seeding ends.
            await runtime.DrainTimersAsync(ct);
            // One ticket in eight comes from the demo unit, one in eight from Liuzhou (the second demo coordinator's
            // city); the rest from units across Guangxi.
            var draw = random.NextDouble();
            var unit = (draw < 0.125 ? units.FirstOrDefault(u => u.Name == DemoUnitName) : draw < 0.25 && liuzhou.Count > 0 ? liuzhou[random.Next(liuzhou.Count)] : null)
                       ?? units[random.Next(units.Count)];
            var problem = Problems[random.Next(Problems.Length)];
            // The demo unit's requests are the demo unit user's, so that user has tickets to follow and rate.
            var mine = unit.Name == DemoUnitName;
            var request = new TicketRequest
            {
                Channel = random.NextDouble() < 0.7 ? "portal" : "hotline",
                ProcurementUnitId = unit.Id, ProcurementUnit = unit.Name, ContactName = "联系人" + (i % 40 + 1),
                ContactPhone = $"0771-{5550000 + i}", CityCode = unit.CityCode, CountyCode = unit.CountyCode,
                ProductCategory = problem.Category, ProductVendor = problem.Vendor, Title = problem.Title, Description = problem.Description, Impact = problem.Impact,
                // The platform as units name it (the dashboards' top platforms); taken in turn, so the random sequence stays as it was.
                Os = Platforms[i % Platforms.Length].Os, Cpu = Platforms[i % Platforms.Length].Cpu,
            };
            try
            {
                var (ticket, _) = await service.CreateTrustedAsync(request, mine ? unitUser : $"unit{unit.CityCode}@demo.xinchuang.local", mayNameIntegrator: false, ct);
                created++;
                await LiveAsync(runtime, service, demoClock, ticket, certified, random, now, t => BestArticleAsync(t, ct), ct);
            }
            catch (Exception ex) when (ex is InvalidInputException or StateConflictException or ConcurrencyConflictException or TaskAlreadyCompletedException)
            {
                log.LogWarning("Demo ticket {Index} stopped early: {Message}", i, ex.Message);
            }
        }
        // What came due while the demo's past was played (a reminder, an escalation, a task's deadline) has happened by
        // now, as the scheduler would make it happen in its first seconds: the demo leaves no timer overdue behind.
        demoClock.Set(now);
        await runtime.DrainTimersAsync(ct);
        return created;
    }

    /// <summary>The demo logins' newest requests: how old, which problem, and the steps already done (each after the one before).</summary>
    private static readonly (TimeSpan Age, int Problem, (string Kind, string Outcome, TimeSpan After, JsonObject? Data)[] Steps, int? Complaint)[] Scripted =
    [
        // Rated poorly yesterday and complained about: the complaint waits at the coordinator's review.
        (TimeSpan.FromHours(30), 1, [
            (TaskKinds.Accept, TicketOutcomes.Accept, TimeSpan.FromMinutes(20), null),
            (TaskKinds.Handle, TicketOutcomes.CheckIn, TimeSpan.FromMinutes(110), new JsonObject { ["location"] = DemoUnitName + "二楼财务科" }),
            (TaskKinds.Resolve, TicketOutcomes.Resolved, TimeSpan.FromHours(3), new JsonObject { ["resolution"] = "更新显卡驱动后重启，暂未复现。", ["confirmedBy"] = "陆科长" }),
            (TaskKinds.Feedback, TicketOutcomes.SubmitFeedback, TimeSpan.FromHours(6), new JsonObject { ["satisfaction"] = "2", ["comment"] = "当天下午又蓝屏两次" }),
        ], 0),
        // Resolved this morning: the unit is asked to rate it.
        (TimeSpan.FromHours(26), 1, [
            (TaskKinds.Accept, TicketOutcomes.Accept, TimeSpan.FromMinutes(12), null),
            (TaskKinds.Handle, TicketOutcomes.CheckIn, TimeSpan.FromMinutes(95), new JsonObject { ["location"] = DemoUnitName + "三楼办公室" }),
            (TaskKinds.Resolve, TicketOutcomes.Resolved, TimeSpan.FromHours(20), new JsonObject { ["resolution"] = "重新安装显卡驱动并更新系统补丁，连续运行两小时未再蓝屏。", ["confirmedBy"] = "陆科长" }),
        ], null),
        // Accepted, with the product's vendor: the demo technician asks the vendor for help (IdentitySeeder).
        (TimeSpan.FromHours(5), 0, [(TaskKinds.Accept, TicketOutcomes.Accept, TimeSpan.FromMinutes(9), null)], null),
        // Accepted a few hours ago: to be checked in.
        (TimeSpan.FromHours(3), 1, [(TaskKinds.Accept, TicketOutcomes.Accept, TimeSpan.FromMinutes(14), null)], null),
        // Filed within the hour: to be accepted.
        (TimeSpan.FromMinutes(50), 0, [], null),
    ];

    /// <summary>Completes the ticket's open task of <paramref name="kind"/> <paramref name="after"/> the demo clock's moment, unless that is still to come.</summary>
    private static async Task<bool> StepAsync(WorkflowRuntime runtime, SettableClock demoClock, Ticket ticket, string kind, string outcome, TimeSpan after, JsonObject? data,
        DateTimeOffset now, CancellationToken ct)
    {
        var at = demoClock.GetUtcNow() + after;
        if (at >= now) return false;
        var open = await runtime.Store.ListTasksAsync(new TaskQuery(InstanceId: ticket.InstanceId, Status: HumanTaskStatus.Open, TaskKind: kind), ct);
        var task = open.FirstOrDefault(t => t.HasOutcome(outcome));
        if (task is null) return false;
        demoClock.Set(at);
        await runtime.CompleteTaskAsync(task.Id, outcome, data?.DeepClone().AsObject() ?? [], task.AssigneeUser ?? "dispatcher@xinchuang.local", ct);
        return true;
    }

    /// <summary>The coordinator who reviews a city's complaints (the demo logins for Nanning and Liuzhou).</summary>
    private static string CoordinatorOf(string city) => city switch
    {
        "4501" => "nanning@xinchuang.local",
        SecondDemoCity => "liuzhou@xinchuang.local",
        _ => $"coordinator{city}@demo.xinchuang.local",
    };

    /// <summary>Plays a ticket's life forward on the demo clock as far as its age allows.</summary>
    private static async Task LiveAsync(WorkflowRuntime runtime, TicketIntakeService service, SettableClock demoClock, Ticket ticket,
        List<(string User, string Category, string City)> certified, Random random, DateTimeOffset now, Func<Ticket, Task<string?>> bestArticle, CancellationToken ct)
    {
        Task<bool> Step(string kind, string outcome, TimeSpan after, JsonObject? data = null) => StepAsync(runtime, demoClock, ticket, kind, outcome, after, data, now, ct);
        var minutes = (int min, int max) => TimeSpan.FromMinutes(random.Next(min, max));
        if (ticket.TechnicianUser is null)
        {
            // No qualified technician (or a suspended integrator): a dispatcher assigns one by hand, sometimes.
            if (random.NextDouble() < 0.5) return;
            var open = await runtime.Store.ListTasksAsync(new TaskQuery(InstanceId: ticket.InstanceId, Status: HumanTaskStatus.Open, TaskKind: TaskKinds.ManualDispatch), ct);
            if (open.FirstOrDefault() is not { } manual) return;
            var candidate = certified.FirstOrDefault(u => u.Category == ticket.ProductCategory && u.City == ticket.CityCode);
            if (candidate.User is null) return;
            demoClock.Set(demoClock.GetUtcNow() + minutes(10, 60));
            if (demoClock.GetUtcNow() >= now) return;
            await runtime.CompleteTaskAsync(manual.Id, TicketOutcomes.Dispatch, new JsonObject { ["technicianUser"] = candidate.User, ["reason"] = "自动派单无人符合，按就近原则人工指派" }, "dispatcher@xinchuang.local", ct);
        }
        // Most technicians accept within the response target; some are late.
        if (!await Step(TaskKinds.Accept, TicketOutcomes.Accept, random.NextDouble() < 0.9 ? minutes(3, 25) : minutes(130, 300))) return;
        var late = random.NextDouble() < 0.15;
        var remote = random.NextDouble() < 0.3;
        if (!await Step(TaskKinds.Handle, remote ? TicketOutcomes.Remote : TicketOutcomes.CheckIn, remote ? minutes(10, 60) : late ? minutes(250, 800) : minutes(40, 220),
                new JsonObject { ["location"] = remote ? "" : ticket.ProcurementUnit })) return;
        if (random.NextDouble() < 0.1)
        {
            if (!await Step(TaskKinds.Resolve, TicketOutcomes.VendorSupport, minutes(30, 240), new JsonObject { ["resolution"] = "需要产品厂商提供补丁或备件" })) return;
            if (!await Step(TaskKinds.VendorSupport, TicketOutcomes.Supported, minutes(120, 1500), new JsonObject { ["advice"] = "已提供补丁及安装说明" })) return;
        }
        // Four in ten resolutions cite the article that answered the problem (counted for it as "this solved it").
        var cited = random.NextDouble() < 0.4 ? await bestArticle(ticket) : null;
        if (!await Step(TaskKinds.Resolve, TicketOutcomes.Resolved, minutes(20, 600),
                new JsonObject { ["resolution"] = "已排查并处理：" + ticket.Title + "，经用户确认恢复正常。", ["citedArticles"] = cited ?? "" })) return;
        var unhappy = random.NextDouble() < 0.12;
        if (!await Step(TaskKinds.Feedback, TicketOutcomes.SubmitFeedback, minutes(30, 1440), new JsonObject { ["satisfaction"] = unhappy ? "2" : random.Next(4, 6).ToString(), ["comment"] = unhappy ? "问题未彻底解决" : "" })) return;
        // The hotline desk calls back the tickets the flow chose (ASM-6) within a day or two; the last days' calls still wait.
        // Drawn from the ticket's number, not the random sequence, so the rest of the demo stays as it was.
        async Task FollowUpAsync()
        {
            if (now - demoClock.GetUtcNow() < TimeSpan.FromDays(3)) return;
            var bucket = FollowUp.Bucket(ticket.Number);
            var data = bucket < 85
                ? new JsonObject { ["reached"] = true, ["confirmed"] = bucket < 78, ["satisfaction"] = (bucket < 78 ? 4 + (int)bucket % 2 : 3).ToString(),
                    ["note"] = bucket < 78 ? "电话回访，用户反馈使用正常" : "用户反馈偶有复现，已提醒企业跟进" }
                : new JsonObject { ["reached"] = false, ["note"] = "两次致电无人接听" };
            await Step(TaskKinds.FollowUpCall, TicketOutcomes.FollowedUp, TimeSpan.FromHours(4 + bucket % 40), data);
        }
        if (!unhappy) await FollowUpAsync();
        if (unhappy)
        {
            if (random.NextDouble() < 0.6)
            {
                // The complaint goes its way on its own clock — answered within hours, reviewed within a day or two,
                // confirmed by the unit — as far as its age allows: old ones are closed, recent ones wait at a step.
                var resume = demoClock.GetUtcNow();
                try
                {
                    var grievance = Grievances[random.Next(Grievances.Length)];
                    var (complaint, _) = await service.FileComplaintTrustedAsync(ticket, new ComplaintRequest(grievance.Description, grievance.Category), ticket.CreatedBy, ticket.ProcurementUnitId, ct);
                    async Task<bool> ComplaintStep(string kind, string outcome, TimeSpan after, string user, JsonObject data)
                    {
                        var at = demoClock.GetUtcNow() + after;
                        if (at >= now) return false;
                        var task = (await runtime.Store.ListTasksAsync(new TaskQuery(InstanceId: complaint.InstanceId, Status: HumanTaskStatus.Open, TaskKind: kind), ct))
                            .FirstOrDefault(t => t.HasOutcome(outcome));
                        if (task is null) return false;
                        demoClock.Set(at);
                        await runtime.CompleteTaskAsync(task.Id, outcome, data, task.AssigneeUser ?? user, ct);
                        return true;
                    }
                    _ = await ComplaintStep(TaskKinds.ComplaintHandle, ComplaintOutcomes.Respond, minutes(90, 720), "manager@xinchuang.local",
                            new JsonObject { ["response"] = "已联系用户致歉，安排高级工程师复查并更换故障部件。" })
                        && await ComplaintStep(TaskKinds.ComplaintReview, ComplaintOutcomes.Approve, minutes(240, 2400), CoordinatorOf(complaint.CityCode),
                            new JsonObject { ["opinion"] = "处理措施得当，请企业做好回访。" })
                        && await ComplaintStep(TaskKinds.ComplaintConfirm, ComplaintOutcomes.Satisfied, minutes(120, 2880), ticket.CreatedBy ?? "unit@xinchuang.local",
                            new JsonObject { ["comment"] = "已复查，问题解决。" });
                }
                catch (InvalidInputException) { }
                finally { demoClock.Set(resume); }
            }
            if (!await Step(TaskKinds.Accept, TicketOutcomes.Accept, minutes(10, 90))) return;
            if (!await Step(TaskKinds.Handle, TicketOutcomes.CheckIn, minutes(60, 240))) return;
            if (!await Step(TaskKinds.Resolve, TicketOutcomes.Resolved, minutes(30, 300), new JsonObject { ["resolution"] = "更换故障部件，问题解决。" })) return;
            if (await Step(TaskKinds.Feedback, TicketOutcomes.SubmitFeedback, minutes(30, 600), new JsonObject { ["satisfaction"] = "4" })) await FollowUpAsync();
        }
    }

    /// <summary>A clock the seeder sets to each moment of a ticket's life.</summary>
    private sealed class SettableClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;
        public void Set(DateTimeOffset at) => _now = at;
        public override DateTimeOffset GetUtcNow() => _now;
    }
}
