using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Web.Tests;

/// <summary>One app per provider for the inbox tests, with a second service manager of the demo enterprise.</summary>
public abstract class InboxWorld(WebAppFactory app) : IAsyncLifetime
{
    public WebAppFactory App { get; } = app;
    public const string Password = "Demo#2026xf";

    public async Task InitializeAsync()
    {
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var manager = await users.FindByNameAsync("manager@xinchuang.local") ?? throw new InvalidOperationException("demo manager missing");
        var second = new AppUser { UserName = "teammate@xinchuang.local", Email = "teammate@xinchuang.local", EmailConfirmed = true, DisplayName = "第二服务经理", EnterpriseId = manager.EnterpriseId };
        var created = await users.CreateAsync(second, Password);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(second, "EnterpriseManager");
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>A demo user as the access service sees them (roles, enterprise, city, unit).</summary>
    public async Task<XinchuangFlow.Application.Access.Actor> ActorAsync(string email)
    {
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync(email) ?? throw new InvalidOperationException(email);
        return XinchuangFlow.Application.Access.Actor.Of(email, await users.GetRolesAsync(user), user.EnterpriseId, user.CityCode, user.ProcurementUnitId);
    }
}

public sealed class SqliteInboxWorld() : InboxWorld(new WebAppFactory());
public sealed class PostgresInboxWorld() : InboxWorld(new PostgresWebAppFactory());

/// <summary>
/// The inbox's use cases over the API on both providers (INB-1, INT-5): views, order and filters; claim, release and
/// hand-over with the 409s a late or competing click gets; the technician's idempotent field actions; attachments.
/// </summary>
public abstract class InboxApiTests(InboxWorld world)
{
    private Task<HttpClient> As(string user) => world.App.LoginAsync(user, user.StartsWith("admin") ? "Admin#2026xf" : InboxWorld.Password);

    private static async Task<JsonObject> NewTicketAsync(HttpClient api, string title, string impact, string county = "450103")
    {
        var response = await api.PostAsJsonAsync("/api/tickets", new JsonObject
        {
            ["contactName"] = "李工", ["contactPhone"] = "0771-5550101", ["cityCode"] = county[..4], ["countyCode"] = county, ["productCategory"] = "terminal",
            ["impact"] = impact, ["title"] = title, ["description"] = "收件箱测试",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<JsonArray> InboxAsync(HttpClient api, string query) =>
        (await api.GetFromJsonAsync<JsonObject>("/api/inbox?" + query))!["items"]!.AsArray();

    /// <summary>
    /// PERF-3: the live inboxes' feed reads a changed ticket's tasks with the fields its scope needs, and each inbox's watch
    /// decides as the inbox's query would — Nanning's coordinator is concerned by a Nanning ticket, Liuzhou's is not.
    /// </summary>
    [Fact]
    public async Task AChangedTicketsTasks_AreReadWithTheirScope_AndConcernTheCityThatSeesThem()
    {
        var created = await NewTicketAsync(await As("unit@xinchuang.local"), "实时收件箱范围", "single");
        var instance = Guid.Parse(created["instanceId"]!.GetValue<string>());
        var tasks = await world.App.Services.GetRequiredService<XinchuangFlow.Application.Tasks.ITaskChangeSource>().TasksOfAsync([instance]);
        Assert.NotEmpty(tasks);
        Assert.All(tasks, t => Assert.Equal(("4501", instance), (t.Ticket!.CityCode, t.Ticket.InstanceId)));
        var inbox = world.App.Services.GetRequiredService<XinchuangFlow.Application.Tasks.InboxService>();
        var change = new XinchuangFlow.Application.Tasks.TaskChangeBatch([instance], tasks);
        var roles = new[] { XinchuangFlow.Application.Access.Roles.MunicipalCoordinator };
        Assert.True(inbox.Watch(XinchuangFlow.Application.Access.Actor.Of("nanning@xinchuang.local", roles, cityCode: "4501")).Concerns(change, new HashSet<Guid>()));
        Assert.False(inbox.Watch(XinchuangFlow.Application.Access.Actor.Of("liuzhou@xinchuang.local", roles, cityCode: "4502")).Concerns(change, new HashSet<Guid>()));
    }

    /// <summary>
    /// PERF-3: a live inbox reloads exactly when its query would list the changed task — the watch and the query use one
    /// rule. For every demo user, the open tasks the watch says concern them (over every open task's change, read as the
    /// live feed reads it) are the tasks their inbox lists under All.
    /// </summary>
    [Fact]
    public async Task TheLiveWatch_AndTheInboxQuery_AgreeOnEveryOpenTask_ForEveryDemoUser()
    {
        await NewTicketAsync(await As("unit@xinchuang.local"), "实时收件箱一致", "single");
        List<Guid> openIds, instances;
        await using (var db = await world.App.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync())
        {
            var open = await db.Tasks.AsNoTracking().Where(t => t.Status == XinchuangFlow.Engine.Runtime.HumanTaskStatus.Open).Select(t => new { t.Id, t.InstanceId }).ToListAsync();
            (openIds, instances) = (open.Select(t => t.Id).ToList(), open.Select(t => t.InstanceId).Distinct().ToList());
        }
        var changes = (await world.App.Services.GetRequiredService<XinchuangFlow.Application.Tasks.ITaskChangeSource>().TasksOfAsync(instances))
            .Where(t => openIds.Contains(t.TaskId)).ToList();
        Assert.Equal(openIds.Count, changes.Count);
        var inbox = world.App.Services.GetRequiredService<XinchuangFlow.Application.Tasks.InboxService>();
        var sizes = new Dictionary<string, int>();
        foreach (var email in new[] { "admin@xinchuang.local", "dispatcher@xinchuang.local", "integrator@xinchuang.local", "manager@xinchuang.local", "tech@xinchuang.local",
                     "unit@xinchuang.local", "vendor@xinchuang.local", "nanning@xinchuang.local", "liuzhou@xinchuang.local", "supervisor@xinchuang.local" })
        {
            var actor = await ActorAsync(email);
            var listed = new HashSet<Guid>();
            for (var skip = 0; ; skip += 200)
            {
                var (items, total) = await inbox.ListAsync(actor, new XinchuangFlow.Application.Tasks.InboxQuery(XinchuangFlow.Application.Tasks.InboxView.All, Skip: skip, Take: 200));
                listed.UnionWith(items.Select(i => i.TaskId));
                if (skip + 200 >= total) break;
            }
            var watch = inbox.Watch(actor);
            var concerned = changes.Where(watch.Concerns).Select(t => t.TaskId).ToHashSet();
            Assert.True(listed.SetEquals(concerned), $"{email}: listed {listed.Count}, concerned {concerned.Count}; only listed: {listed.Except(concerned).Count()}, only concerned: {concerned.Except(listed).Count()}");
            sizes[email] = listed.Count;
        }
        // Not all alike: the region sees every open task, a city fewer, another city others.
        Assert.Equal(openIds.Count, sizes["admin@xinchuang.local"]);
        Assert.InRange(sizes["nanning@xinchuang.local"], 1, openIds.Count - 1);
        Assert.NotEqual(sizes["nanning@xinchuang.local"], sizes["liuzhou@xinchuang.local"]);
    }

    private Task<XinchuangFlow.Application.Access.Actor> ActorAsync(string email) => world.ActorAsync(email);

    [Fact]
    public async Task Views_AreSortedByTheDeadlineThatMatters_AndFiltersNarrowThem()
    {
        var unit = await As("unit@xinchuang.local");
        var admin = await As("admin@xinchuang.local");
        var minor = await NewTicketAsync(unit, "咨询：打印机设置", "single");
        var urgent = await NewTicketAsync(unit, "科室多台电脑打印异常", "department");
        Assert.Equal("P4", minor["grade"]!.GetValue<string>());
        Assert.Equal("P2", urgent["grade"]!.GetValue<string>());

        var all = await InboxAsync(admin, "view=All&take=200");
        var dues = all.Select(r => r!["dueAt"]?.GetValue<DateTimeOffset>()).ToList();
        var known = dues.TakeWhile(d => d is not null).ToList();
        Assert.Equal(known.OrderBy(d => d).ToList(), known);                 // soonest deadline first, undated last
        Assert.All(dues.Skip(known.Count), d => Assert.Null(d));
        int Position(JsonObject t) => all.Select(r => r!["caseNumber"]?.GetValue<string>()).ToList().IndexOf(t["number"]!.GetValue<string>());
        Assert.True(Position(urgent) >= 0 && Position(minor) > Position(urgent), "the P2 ticket's response clock runs out first");
        var row = all.Single(r => r!["caseNumber"]?.GetValue<string>() == urgent["number"]!.GetValue<string>())!;
        Assert.Equal("response", row["clock"]!.GetValue<string>());
        Assert.Equal("4501", row["cityCode"]!.GetValue<string>());
        Assert.NotNull(row["warnAt"]);

        var p2 = await InboxAsync(admin, "view=All&take=200&grade=P2");
        Assert.All(p2, r => Assert.Equal("P2", r!["grade"]!.GetValue<string>()));
        Assert.Contains(p2, r => r!["caseNumber"]!.GetValue<string>() == urgent["number"]!.GetValue<string>());
        var byText = await InboxAsync(admin, $"view=All&text={minor["number"]}");
        Assert.Equal(minor["number"]!.GetValue<string>(), Assert.Single(byText)!["caseNumber"]!.GetValue<string>());
        Assert.Empty(await InboxAsync(admin, $"view=All&city=4502&text={minor["number"]}"));
        var bad = await admin.GetAsync("/api/inbox?view=All&take=500");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        // The technician's own view holds what waits on them, and the counts agree with the lists.
        var tech = await As("tech@xinchuang.local");
        var counts = (await tech.GetFromJsonAsync<JsonObject>("/api/inbox/counts"))!;
        Assert.Equal(counts["mine"]!.GetValue<int>(), (await tech.GetFromJsonAsync<JsonObject>("/api/inbox?view=Mine&take=1"))!["total"]!.GetValue<int>());
        Assert.All(await InboxAsync(tech, "view=Mine&take=200"), r => Assert.Equal("tech@xinchuang.local", r!["assigneeUser"]?.GetValue<string>() ?? r["claimedBy"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Overdue_IsWhatAllShowsAsBreached_WithinTheCallersScope_AndItsCountAgrees()
    {
        var unit = await As("unit@xinchuang.local");
        var ticket = await NewTicketAsync(unit, "超时视图：工程师未按时响应", "single");
        var number = ticket["number"]!.GetValue<string>();
        var clock = world.App.Services.GetRequiredService<TimeProvider>();
        // Its clock ran out an hour ago; the step that waits is the technician's, not the coordinator's or the Data Bureau's.
        await using (var db = await world.App.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync())
        {
            var past = clock.GetUtcNow() - TimeSpan.FromHours(1);
            Assert.Equal(1, await db.Tickets.Where(t => t.Number == number)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.NextDueAt, past).SetProperty(t => t.NextWarnAt, past - TimeSpan.FromHours(1))));
        }

        foreach (var user in new[] { "nanning@xinchuang.local", "admin@xinchuang.local", "integrator@xinchuang.local", "manager@xinchuang.local", "unit@xinchuang.local", "tech@xinchuang.local" })
        {
            var api = await As(user);
            var before = clock.GetUtcNow();
            var all = await api.GetFromJsonAsync<JsonObject>("/api/inbox?view=All&take=200");
            var overdue = await api.GetFromJsonAsync<JsonObject>("/api/inbox?view=Overdue&take=200");
            var counts = (await api.GetFromJsonAsync<JsonObject>("/api/inbox/counts"))!;
            var after = clock.GetUtcNow();
            Assert.True(all!["total"]!.GetValue<int>() <= 200, "one page holds every row");
            static DateTimeOffset? Due(JsonNode? r) => r!["dueAt"]?.GetValue<DateTimeOffset>();
            var rows = all["items"]!.AsArray();
            // What the countdown reads as breached (due at or before now); a deadline passing during the calls is either.
            var breached = rows.Where(r => Due(r) <= before).Select(r => r!["taskId"]!.GetValue<string>()).ToHashSet();
            var maybe = rows.Where(r => Due(r) > before && Due(r) <= after).Select(r => r!["taskId"]!.GetValue<string>()).ToHashSet();
            var listed = overdue!["items"]!.AsArray().Select(r => r!["taskId"]!.GetValue<string>()).ToHashSet();
            Assert.True(breached.IsSubsetOf(listed), $"{user}: every breached row of All is in Overdue");
            Assert.True(listed.IsSubsetOf(breached.Union(maybe)), $"{user}: Overdue holds only rows of All whose deadline passed");
            Assert.Equal(listed.Count, overdue["total"]!.GetValue<int>());
            Assert.InRange(counts["overdue"]!.GetValue<int>(), breached.Count, breached.Count + maybe.Count);
            if (rows.Any(r => r!["caseNumber"]?.GetValue<string>() == number))
                Assert.Contains(overdue["items"]!.AsArray(), r => r!["caseNumber"]?.GetValue<string>() == number);
            else
                Assert.DoesNotContain(overdue["items"]!.AsArray(), r => r!["caseNumber"]?.GetValue<string>() == number);
        }
        // The coordinator of the ticket's city sees it in All, so it is overdue for them although the step is the technician's.
        var coordinator = await As("nanning@xinchuang.local");
        Assert.Contains(await InboxAsync(coordinator, $"view=Overdue&take=200&text={number}"), r => r!["caseNumber"]!.GetValue<string>() == number);
    }

    [Fact]
    public async Task TeamTasks_AreClaimed_Released_AndHandedOver_WithTheAnswersALateClickGets()
    {
        var unit = await As("unit@xinchuang.local");
        var ticket = await NewTicketAsync(unit, "投诉前的工单", "single");
        var filed = await unit.PostAsJsonAsync($"/api/tickets/{ticket["number"]}/complaints", new JsonObject { ["description"] = "工程师迟迟未到", ["category"] = "timeliness" });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var complaint = (await filed.Content.ReadFromJsonAsync<JsonObject>())!;
        var manager = await As("manager@xinchuang.local");
        var second = await As("teammate@xinchuang.local");
        var team = await InboxAsync(manager, $"view=Team&take=200&text={complaint["number"]}");
        var task = Assert.Single(team)!;
        var id = task["taskId"]!.GetValue<string>();
        Assert.Equal("handleTask", task["activityId"]!.GetValue<string>());

        var claimed = await manager.PostAsync($"/api/tasks/{id}/claim", null);
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsync($"/api/tasks/{id}/claim", null)).StatusCode);   // again: nothing changes
        Assert.Empty(await InboxAsync(manager, $"view=Team&take=200&text={complaint["number"]}"));
        Assert.Single(await InboxAsync(manager, $"view=Mine&take=200&text={complaint["number"]}"));
        Assert.Empty(await InboxAsync(second, $"view=Team&take=200&text={complaint["number"]}"));

        var late = await second.PostAsync($"/api/tasks/{id}/claim", null);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("claimed", (await late.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
        var lateDone = await second.PostAsJsonAsync($"/api/tasks/{id}/complete", new JsonObject { ["outcome"] = "respond", ["data"] = new JsonObject { ["response"] = "我来处理" } });
        Assert.Equal(HttpStatusCode.Conflict, lateDone.StatusCode);
        var tech = await As("tech@xinchuang.local");   // same enterprise, not a holder of the role: the task is not theirs to see
        Assert.Equal(HttpStatusCode.NotFound, (await tech.PostAsync($"/api/tasks/{id}/release", null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsync($"/api/tasks/{id}/release", null)).StatusCode);
        Assert.Single(await InboxAsync(second, $"view=Team&take=200&text={complaint["number"]}"));

        var noReason = await manager.PostAsJsonAsync($"/api/tasks/{id}/reassign", new JsonObject { ["toUser"] = "teammate@xinchuang.local", ["reason"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var noRole = await manager.PostAsJsonAsync($"/api/tasks/{id}/reassign", new JsonObject { ["toUser"] = "integrator@xinchuang.local", ["reason"] = "请调度处理" });
        Assert.Equal(HttpStatusCode.BadRequest, noRole.StatusCode);
        Assert.Contains("企业服务经理", (await noRole.Content.ReadFromJsonAsync<JsonObject>())!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));   // the role by its name
        var handed = await manager.PostAsJsonAsync($"/api/tasks/{id}/reassign", new JsonObject { ["toUser"] = "teammate@xinchuang.local", ["reason"] = "我出差，请同事处理" });
        Assert.Equal(HttpStatusCode.OK, handed.StatusCode);
        Assert.Equal("teammate@xinchuang.local", (await handed.Content.ReadFromJsonAsync<JsonObject>())!["assigneeUser"]!.GetValue<string>());
        Assert.Empty(await InboxAsync(manager, $"view=Mine&take=200&text={complaint["number"]}"));
        Assert.Single(await InboxAsync(second, $"view=Mine&take=200&text={complaint["number"]}"));
        var history = (await manager.GetFromJsonAsync<JsonObject>($"/api/complaints/{complaint["id"]}"))!["history"]!.AsArray();
        Assert.Contains(history, e => e!["kind"]!.GetValue<string>() == "taskReassigned" && e["note"]!.GetValue<string>().Contains("我出差"));

        var done = await second.PostAsJsonAsync($"/api/tasks/{id}/complete", new JsonObject { ["outcome"] = "respond", ["data"] = new JsonObject { ["response"] = "已联系用户并安排上门" } });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var again = await manager.PostAsync($"/api/tasks/{id}/claim", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("already-completed", (await again.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheTechniciansFieldActions_AreIdempotent_AndRecordTimeAndPosition()
    {
        var unit = await As("unit@xinchuang.local");
        var admin = await As("admin@xinchuang.local");
        var ticket = await NewTicketAsync(unit, "电脑无法开机", "single");
        var number = ticket["number"]!.GetValue<string>();
        var instance = ticket["instanceId"]!.GetValue<string>();
        if ((await FlowDriver.OpenTasksAsync(admin, instance)).Any(t => t!["activityId"]!.GetValue<string>() == "manualDispatch"))
            await FlowDriver.CompleteAsync(admin, instance, "manualDispatch", "dispatch", new JsonObject { ["technicianUser"] = "tech@xinchuang.local", ["reason"] = "测试" });
        else if ((await admin.GetFromJsonAsync<JsonObject>($"/api/tickets/{number}"))!["ticket"]!["technicianUser"]!.GetValue<string>() != "tech@xinchuang.local")
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/tickets/{number}/redispatch", new JsonObject { ["technicianUser"] = "tech@xinchuang.local", ["reason"] = "测试改派" })).StatusCode);
        var tech = await As("tech@xinchuang.local");

        Assert.Equal(HttpStatusCode.Conflict, (await tech.PostAsync($"/api/tickets/{number}/set-out", null)).StatusCode);  // accept first
        foreach (var _ in Enumerable.Range(0, 2))
            Assert.Equal(HttpStatusCode.OK, (await tech.PostAsJsonAsync($"/api/tickets/{number}/accept", new JsonObject())).StatusCode);
        JsonObject after = null!;
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var r = await tech.PostAsync($"/api/tickets/{number}/set-out", null);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            after = (await r.Content.ReadFromJsonAsync<JsonObject>())!;
        }
        Assert.Equal("travelling", after["status"]!.GetValue<string>());
        var bad = await tech.PostAsJsonAsync($"/api/tickets/{number}/check-in", new JsonObject { ["latitude"] = 95.0, ["longitude"] = 108.4 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var firstCheckIn = await tech.PostAsJsonAsync($"/api/tickets/{number}/check-in", new JsonObject { ["location"] = "财政局三楼", ["latitude"] = 22.80, ["longitude"] = 108.40, ["accuracy"] = 25.0 });
        Assert.Equal(HttpStatusCode.OK, firstCheckIn.StatusCode);
        var checkedIn = (await firstCheckIn.Content.ReadFromJsonAsync<JsonObject>())!;
        var repeat = (await (await tech.PostAsJsonAsync($"/api/tickets/{number}/check-in", new JsonObject { ["location"] = "重复点击" })).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(checkedIn["checkInAt"]!.GetValue<DateTimeOffset>(), repeat["checkInAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("财政局三楼", repeat["checkInLocation"]!.GetValue<string>());
        Assert.Equal(22.80, repeat["checkInLatitude"]!.GetValue<double>(), 3);
        Assert.Equal(25.0, repeat["checkInAccuracy"]!.GetValue<double>(), 3);

        var noText = await tech.PostAsJsonAsync($"/api/tickets/{number}/resolve", new JsonObject { ["resolution"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noText.StatusCode);
        foreach (var _ in Enumerable.Range(0, 2))
            Assert.Equal(HttpStatusCode.OK, (await tech.PostAsJsonAsync($"/api/tickets/{number}/resolve",
                new JsonObject { ["resolution"] = "更换电源适配器后开机正常", ["parts"] = "电源适配器 1 个", ["confirmedBy"] = "王科长" })).StatusCode);
        var detail = (await tech.GetFromJsonAsync<JsonObject>($"/api/tickets/{number}"))!;
        Assert.Equal("awaitingFeedback", detail["ticket"]!["status"]!.GetValue<string>());
        Assert.Equal("电源适配器 1 个", detail["ticket"]!["partsUsed"]!.GetValue<string>());
        Assert.Equal("王科长", detail["ticket"]!["confirmedBy"]!.GetValue<string>());
        var kinds = detail["history"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()).ToList();
        Assert.Equal(1, kinds.Count(k => k == "check-in"));
        Assert.Equal(1, kinds.Count(k => k == "resolved"));
        Assert.Equal(1, detail["history"]!.AsArray().Count(e => e!["toStatus"]?.GetValue<string>() == "travelling"));
    }

    [Fact]
    public async Task Attachments_AreCheckedByContent_AndARepeatedUploadIsTheSameFile()
    {
        var unit = await As("unit@xinchuang.local");
        var number = (await NewTicketAsync(unit, "附件测试", "single"))["number"]!.GetValue<string>();
        async Task<HttpResponseMessage> UploadAsync(string name, byte[] content)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tickets/{number}/attachments") { Content = new ByteArrayContent(content) };
            request.Headers.Add("X-File-Name", Uri.EscapeDataString(name));
            return await unit.SendAsync(request);
        }
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3];
        var first = await UploadAsync("故障照片.png", png);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var id = (await first.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var repeat = await UploadAsync("故障照片.png", png);
        Assert.Equal(id, (await repeat.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
        Assert.Single((await unit.GetFromJsonAsync<JsonArray>($"/api/tickets/{number}/attachments"))!);

        foreach (var (name, content, why) in new (string, byte[], string)[]
                 {
                     ("假图片.png", "这其实是文本"u8.ToArray(), "text/plain"),
                     ("报告.txt", "<html><script>alert(1)</script></html>"u8.ToArray(), "不是可以附上的文件"),
                     ("图.svg", "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"u8.ToArray(), "不是可以附上的文件"),
                     ("程序.txt", [0x4D, 0x5A, 0x90, 0x00, 0x03], "不是可以附上的文件"),
                     ("../../etc/passwd.txt", "root"u8.ToArray(), "路径"),
                     ("空.txt", [], "文件是空的"),
                 })
        {
            var refused = await UploadAsync(name, content);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(why, (await refused.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());
        }
        var tooBig = await UploadAsync("大文件.txt", System.Text.Encoding.UTF8.GetBytes(new string('a', 300_000)));
        Assert.Contains((int)tooBig.StatusCode, new[] { 400, 413 });
        Assert.Single((await unit.GetFromJsonAsync<JsonArray>($"/api/tickets/{number}/attachments"))!);

        var download = await unit.GetAsync($"/api/tickets/{number}/attachments/{id}");
        Assert.Equal("image/png", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(png, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
    }
}

public sealed class InboxApiSqliteTests(SqliteInboxWorld world) : InboxApiTests(world), IClassFixture<SqliteInboxWorld>;
public sealed class InboxApiPostgresTests(PostgresInboxWorld world) : InboxApiTests(world), IClassFixture<PostgresInboxWorld>;
