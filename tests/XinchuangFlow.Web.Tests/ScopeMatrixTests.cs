using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Web.Tests;

/// <summary>
/// Resources of another tenant, made once per provider: a ticket of a unit in another city served by another
/// integrator (waiting at its first step), a second one at its feedback step, and complaints on it waiting at the
/// enterprise, the coordinator's review and the user's confirmation.
/// </summary>
public abstract class ForeignTenant(WebAppFactory app) : IAsyncLifetime
{
    public WebAppFactory App { get; } = app;
    public const string Admin = "admin@xinchuang.local";
    public const string AdminPassword = "Admin#2026xf";
    public const string DemoPassword = "Demo#2026xf";

    public string Ticket { get; private set; } = "";
    public string TicketInstance { get; private set; } = "";
    public string TicketTask { get; private set; } = "";
    public string FeedbackTicket { get; private set; } = "";
    public string FeedbackInstance { get; private set; } = "";
    public string FeedbackTask { get; private set; } = "";
    public string Complaint { get; private set; } = "";
    public string HandleTask { get; private set; } = "";
    public string ReviewTask { get; private set; } = "";
    public string ConfirmTask { get; private set; } = "";
    public Guid OtherEnterprise { get; private set; }
    public Guid ForeignUnit { get; private set; }
    public string ForeignUnitName { get; private set; } = "";
    public string Attachment { get; private set; } = "";
    public string OwnTicket { get; private set; } = "";
    /// <summary>A draft article no tenant may see (the Data Bureau's own, not yet reviewed), with a file.</summary>
    public string Article { get; private set; } = "";
    public string ArticleFile { get; private set; } = "";
    /// <summary>A mail from an unknown sender waiting for the regional desk's triage (seeded with the demo data).</summary>
    public string Mail { get; private set; } = "";
    /// <summary>The last quarter's assessment round (the demo seeding starts it) and the other enterprise's result and objection task in it.</summary>
    public string Round { get; private set; } = "";
    public string OtherResult { get; private set; } = "";
    public string OtherObjectionTask { get; private set; } = "";
    /// <summary>The Data Bureau's supervision notice on the other tenant's ticket, and the other enterprise's answer task.</summary>
    public string Notice { get; private set; } = "";
    public string NoticeTask { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Guid unitId, managerEnterprise;
        string county, technician;
        await using (var db = await App.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync())
        {
            managerEnterprise = (await db.Users.FirstAsync(u => u.UserName == "manager@xinchuang.local")).EnterpriseId!.Value;
            var active = await db.Enterprises.Where(e => e.Kind == Domain.Network.EnterpriseKind.Integrator && e.Status == Domain.Network.ShortlistStatus.Active && e.Id != managerEnterprise)
                .Select(e => e.Id).ToListAsync();
            var foreign = await db.ProcurementUnits.Where(u => u.CityCode != "4501" && u.IntegratorId != null && active.Contains(u.IntegratorId!.Value)).OrderBy(u => u.Name).FirstAsync();
            (unitId, county, OtherEnterprise) = (foreign.Id, foreign.CountyCode, foreign.IntegratorId!.Value);
            (ForeignUnit, ForeignUnitName) = (foreign.Id, foreign.Name);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            technician = await db.Technicians.Where(t => t.EnterpriseId == OtherEnterprise && t.Active
                    && db.Certificates.Any(c => c.TechnicianId == t.Id && c.ProductCategory == "terminal" && c.ValidUntil >= today))
                .Select(t => t.UserName).FirstAsync();
        }
        var admin = await App.LoginAsync(Admin, AdminPassword);
        var dispatcher = await App.LoginAsync("dispatcher@xinchuang.local", DemoPassword);
        async Task<JsonObject> NewTicketAsync(HttpClient as_, Guid? unit, string countyCode, string title)
        {
            var response = await as_.PostAsJsonAsync("/api/tickets", new JsonObject
            {
                ["procurementUnitId"] = unit?.ToString(), ["contactName"] = "外单位联系人", ["contactPhone"] = "0772-5550101", ["cityCode"] = countyCode[..4],
                ["countyCode"] = countyCode, ["productCategory"] = "terminal", ["impact"] = "single", ["title"] = title, ["description"] = "另一租户的工单",
                ["channel"] = "hotline",
            });
            if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        }

        var first = await NewTicketAsync(dispatcher, unitId, county, "外单位：终端无法开机");
        (Ticket, TicketInstance) = (first["number"]!.GetValue<string>(), first["instanceId"]!.GetValue<string>());
        TicketTask = (await FlowDriver.OpenTasksAsync(admin, TicketInstance))[0]!["id"]!.GetValue<string>();

        var second = await NewTicketAsync(dispatcher, unitId, county, "外单位：待评价");
        (FeedbackTicket, FeedbackInstance) = (second["number"]!.GetValue<string>(), second["instanceId"]!.GetValue<string>());
        await FlowDriver.ToFeedbackAsync(admin, FeedbackTicket, technician);
        FeedbackTask = (await FlowDriver.TaskAtAsync(admin, FeedbackInstance, "feedbackTask"))["id"]!.GetValue<string>();

        async Task<(string Id, string Instance)> ComplaintAsync(string text)
        {
            var response = await admin.PostAsJsonAsync($"/api/tickets/{Ticket}/complaints", new JsonObject { ["description"] = text, ["category"] = "timeliness" });
            if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
            var c = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            return (c["id"]!.GetValue<string>(), c["instanceId"]!.GetValue<string>());
        }
        var (complaint, atEnterprise) = await ComplaintAsync("外单位投诉：待企业处理");
        Complaint = complaint;
        HandleTask = (await FlowDriver.TaskAtAsync(admin, atEnterprise, "handleTask"))["id"]!.GetValue<string>();
        var (_, atReview) = await ComplaintAsync("外单位投诉：待市级审核");
        await FlowDriver.CompleteAsync(admin, atReview, "handleTask", "respond", new JsonObject { ["response"] = "已处理" });
        ReviewTask = (await FlowDriver.TaskAtAsync(admin, atReview, "reviewTask"))["id"]!.GetValue<string>();
        var (_, atConfirm) = await ComplaintAsync("外单位投诉：待用户确认");
        await FlowDriver.CompleteAsync(admin, atConfirm, "handleTask", "respond", new JsonObject { ["response"] = "已处理" });
        await FlowDriver.CompleteAsync(admin, atConfirm, "reviewTask", "approve", new JsonObject { ["opinion"] = "同意" });
        ConfirmTask = (await FlowDriver.TaskAtAsync(admin, atConfirm, "confirmTask"))["id"]!.GetValue<string>();

        var upload = new ByteArrayContent("机房照片说明：外单位的附件"u8.ToArray());
        var uploadRequest = new HttpRequestMessage(HttpMethod.Post, $"/api/tickets/{Ticket}/attachments") { Content = upload };
        uploadRequest.Headers.Add("X-File-Name", Uri.EscapeDataString("现场说明.txt"));
        var uploaded = await admin.SendAsync(uploadRequest);
        if (!uploaded.IsSuccessStatusCode) throw new InvalidOperationException(await uploaded.Content.ReadAsStringAsync());
        Attachment = (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        // The Data Bureau's own draft: its drafts are its authors' and the reviewers' only.
        var writer = admin;
        var draft = await writer.PostAsJsonAsync("/api/knowledge/articles", new JsonObject
        {
            ["kind"] = "hard", ["title"] = "外单位：未发布的排障笔记", ["symptom"] = "外单位内部现象", ["steps"] = "1. 外单位内部步骤",
            ["tags"] = new JsonArray("category:terminal"),
        });
        if (draft.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException(await draft.Content.ReadAsStringAsync());
        Article = (await draft.Content.ReadFromJsonAsync<JsonObject>())!["number"]!.GetValue<string>();
        var articleUpload = new HttpRequestMessage(HttpMethod.Post, $"/api/knowledge/articles/{Article}/files") { Content = new ByteArrayContent("外单位的排障记录"u8.ToArray()) };
        articleUpload.Headers.Add("X-File-Name", Uri.EscapeDataString("排障记录.txt"));
        var articleFile = await writer.SendAsync(articleUpload);
        if (!articleFile.IsSuccessStatusCode) throw new InvalidOperationException(await articleFile.Content.ReadAsStringAsync());
        ArticleFile = (await articleFile.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var unit = await App.LoginAsync("unit@xinchuang.local", DemoPassword);
        OwnTicket = (await NewTicketAsync(unit, null, "450103", "本单位：打印机卡纸"))["number"]!.GetValue<string>();
        Mail = (await admin.GetFromJsonAsync<JsonObject>("/api/mailbox?outcome=triage"))!["items"]!.AsArray()[0]!["id"]!.GetValue<string>();

        // The last quarter's assessment, under way (started here when the seeding did not: in a quarter's first days).
        if ((await admin.GetFromJsonAsync<JsonArray>("/api/assessment/rounds"))!.Count == 0)
            (await admin.PostAsJsonAsync("/api/assessment/rounds", new JsonObject { ["quarter"] = Domain.Assessment.AssessmentPeriod.DueForAssessment(DateTimeOffset.UtcNow, 0) }))
                .EnsureSuccessStatusCode();
        Round = (await admin.GetFromJsonAsync<JsonArray>("/api/assessment/rounds"))![0]!["id"]!.GetValue<string>();
        var other = (await admin.GetFromJsonAsync<JsonObject>($"/api/assessment/rounds/{Round}"))!["results"]!.AsArray()
            .First(r => r!["enterpriseId"]!.GetValue<string>() == OtherEnterprise.ToString())!;
        OtherResult = other["id"]!.GetValue<string>();
        // Its open task: the objection, or the Bureau's ruling when the seeding had it object.
        OtherObjectionTask = (await FlowDriver.OpenTasksAsync(admin, other["instanceId"]!.GetValue<string>()))[0]!["id"]!.GetValue<string>();

        var issued = await admin.PostAsJsonAsync("/api/supervision", new JsonObject { ["ticketNumber"] = Ticket, ["reason"] = "外单位：督办到场超时", ["deadline"] = DateTimeOffset.UtcNow.AddDays(2) });
        if (issued.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException(await issued.Content.ReadAsStringAsync());
        var notice = (await issued.Content.ReadFromJsonAsync<JsonObject>())!;
        Notice = notice["number"]!.GetValue<string>();
        NoticeTask = (await FlowDriver.OpenTasksAsync(admin, notice["instanceId"]!.GetValue<string>()))[0]!["id"]!.GetValue<string>();
    }



    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class SqliteForeignTenant() : ForeignTenant(new WebAppFactory());
public sealed class PostgresForeignTenant() : ForeignTenant(new PostgresWebAppFactory());

/// <summary>
/// SEC-2 / SEC-5 as a matrix: every endpoint that takes an id × every tenant role × a resource of another tenant gets
/// nothing (404, or 403 where the refusal is about the role, not the resource), and every refusal is logged.
/// </summary>
public abstract class ScopeMatrixTests(ForeignTenant world)
{
    public static readonly TheoryData<string> TenantUsers =
        ["unit@xinchuang.local", "manager@xinchuang.local", "nanning@xinchuang.local", "vendor@xinchuang.local", "tech@xinchuang.local", "integrator@xinchuang.local"];

    /// <summary>The keys of the ticket actions the app has registered (the generic route is probed with each).</summary>
    private IReadOnlyList<string> ActionKeys => world.App.Services.GetRequiredService<XinchuangFlow.Application.Tickets.Actions.TicketActionRegistry>().Keys;

    private IEnumerable<(HttpMethod Method, string Url, JsonObject? Body, bool Secret)> Calls()
    {
        var w = world;
        yield return (HttpMethod.Get, $"/api/tickets/{w.Ticket}", null, true);
        yield return (HttpMethod.Get, $"/api/tickets/{w.FeedbackTicket}", null, true);
        yield return (HttpMethod.Post, $"/api/tickets/{w.Ticket}/check-in", new JsonObject { ["location"] = "机房" }, false);
        yield return (HttpMethod.Post, $"/api/tickets/{w.FeedbackTicket}/feedback", new JsonObject { ["satisfaction"] = 1, ["comment"] = "冒充评价" }, false);
        yield return (HttpMethod.Post, $"/api/tickets/{w.Ticket}/complaints", new JsonObject { ["description"] = "冒充投诉", ["category"] = "service" }, false);
        yield return (HttpMethod.Post, $"/api/tickets/{w.Ticket}/redispatch", new JsonObject { ["technicianUser"] = "tech@xinchuang.local", ["reason"] = "抢单" }, false);
        yield return (HttpMethod.Post, $"/api/tickets/{w.Ticket}/grade", new JsonObject { ["grade"] = "P4", ["reason"] = "降级" }, false);
        // The generic route of every registered ticket action: the ticket is looked up in the caller's scope first.
        yield return (HttpMethod.Get, $"/api/tickets/{w.Ticket}/actions", null, true);
        foreach (var key in ActionKeys)
            yield return (HttpMethod.Post, $"/api/tickets/{w.Ticket}/actions/{key}",
                new JsonObject { ["technicianUser"] = "tech@xinchuang.local", ["grade"] = "P4", ["reason"] = "冒充" }, true);
        yield return (HttpMethod.Get, $"/api/complaints/{w.Complaint}", null, true);
        foreach (var task in new[] { w.TicketTask, w.FeedbackTask, w.HandleTask, w.ReviewTask, w.ConfirmTask, w.OtherObjectionTask, w.NoticeTask })
        {
            yield return (HttpMethod.Get, $"/api/tasks/{task}", null, true);
            yield return (HttpMethod.Post, $"/api/tasks/{task}/complete", new JsonObject { ["outcome"] = "approve", ["data"] = new JsonObject() }, true);
            yield return (HttpMethod.Post, $"/api/tasks/{task}/claim", null, true);
            yield return (HttpMethod.Post, $"/api/tasks/{task}/release", null, true);
            yield return (HttpMethod.Post, $"/api/tasks/{task}/reassign", new JsonObject { ["toUser"] = "manager@xinchuang.local", ["reason"] = "抢任务" }, true);
        }
        yield return (HttpMethod.Post, $"/api/tickets/{w.Ticket}/accept", new JsonObject(), false);
        yield return (HttpMethod.Post, $"/api/tickets/{w.Ticket}/set-out", null, false);
        yield return (HttpMethod.Post, $"/api/tickets/{w.Ticket}/resolve", new JsonObject { ["resolution"] = "冒充解决" }, false);
        yield return (HttpMethod.Get, $"/api/tickets/{w.Ticket}/attachments", null, true);
        yield return (HttpMethod.Get, $"/api/tickets/{w.Ticket}/attachments/{w.Attachment}", null, true);
        yield return (HttpMethod.Post, $"/api/tickets/{w.Ticket}/attachments", null, true);
        yield return (HttpMethod.Post, $"/api/tasks/{w.FeedbackTask}/complete",
            new JsonObject { ["outcome"] = "submit", ["data"] = new JsonObject { ["satisfaction"] = "5", ["comment"] = "" } }, true);
        yield return (HttpMethod.Post, $"/api/tasks/{w.ConfirmTask}/complete", new JsonObject { ["outcome"] = "satisfied", ["data"] = new JsonObject() }, true);
        yield return (HttpMethod.Post, $"/api/tasks/{w.ReviewTask}/complete", new JsonObject { ["outcome"] = "approve", ["data"] = new JsonObject { ["opinion"] = "通过" } }, true);
        yield return (HttpMethod.Post, $"/api/tasks/{w.HandleTask}/complete", new JsonObject { ["outcome"] = "respond", ["data"] = new JsonObject { ["response"] = "已处理" } }, true);
        yield return (HttpMethod.Get, $"/api/workflow-instances/{w.TicketInstance}", null, true);
        yield return (HttpMethod.Post, $"/api/workflow-instances/{w.TicketInstance}/cancel", null, false);
        yield return (HttpMethod.Post, $"/api/workflow-instances/{w.TicketInstance}/retry", null, false);
        yield return (HttpMethod.Post, $"/api/workflow-instances/{w.TicketInstance}/migrate", new JsonObject { ["toVersion"] = 1 }, false);
        yield return (HttpMethod.Get, "/api/workflow-definitions/service-ticket", null, false);
        yield return (HttpMethod.Post, "/api/workflow-definitions/service-ticket/publish", null, false);
        yield return (HttpMethod.Post, $"/api/workflow-instances/{w.TicketInstance}/signals/poke", null, false);
        yield return (HttpMethod.Post, $"/api/tasks/{w.TicketTask}/withdraw", new JsonObject { ["reason"] = "收回" }, false);
        yield return (HttpMethod.Get, $"/api/enterprises/{w.OtherEnterprise}", null, true);
        yield return (HttpMethod.Get, $"/api/enterprises/{w.OtherEnterprise}/technicians", null, true);
        yield return (HttpMethod.Get, $"/api/enterprises/{w.OtherEnterprise}/service-points", null, true);
        yield return (HttpMethod.Get, $"/api/enterprises/{w.OtherEnterprise}/coverage", null, true);
        yield return (HttpMethod.Post, $"/api/enterprises/{w.OtherEnterprise}/shortlist", new JsonObject { ["action"] = "suspend", ["reason"] = "冒充暂停" }, false);
        // Managing another enterprise's network (NET-2/3): a tenant gets a logged 404, a role that sees it but may not manage it a logged 403.
        yield return (HttpMethod.Put, $"/api/enterprises/{w.OtherEnterprise}", new JsonObject { ["name"] = "冒充改名", ["kind"] = "Integrator" }, false);
        yield return (HttpMethod.Post, $"/api/enterprises/{w.OtherEnterprise}/service-points",
            new JsonObject { ["name"] = "冒充网点", ["kind"] = "OwnOutlet", ["countyCode"] = "450103" }, false);
        yield return (HttpMethod.Post, $"/api/enterprises/{w.OtherEnterprise}/technicians",
            new JsonObject { ["name"] = "冒充人员", ["userName"] = "intruder-tech@xinchuang.local", ["capabilityLevel"] = 1 }, false);
        yield return (HttpMethod.Put, $"/api/enterprises/{w.OtherEnterprise}/certificates/GXXC-PROBE-000001",
            new JsonObject { ["productCategory"] = "terminal", ["validFrom"] = "2026-01-01", ["validUntil"] = "2027-01-01" }, false);
        yield return (HttpMethod.Post, $"/api/enterprises/{w.OtherEnterprise}/training", new JsonObject { ["course"] = "冒充培训", ["hours"] = 2, ["result"] = "Passed" }, false);
        yield return (HttpMethod.Post, $"/api/enterprises/{w.OtherEnterprise}/network.xlsx", null, false);
        yield return (HttpMethod.Get, $"/api/enterprises/{w.OtherEnterprise}/network.xlsx", null, true);
        yield return (HttpMethod.Get, $"/api/enterprises/{w.OtherEnterprise}/certificates", null, true);
        yield return (HttpMethod.Get, $"/api/enterprises/{w.OtherEnterprise}/training", null, true);
        // Another enterprise's assessment result, and its round's start (the Data Bureau's alone).
        yield return (HttpMethod.Get, $"/api/assessment/results/{w.OtherResult}", null, false);
        yield return (HttpMethod.Post, "/api/assessment/rounds", new JsonObject { ["quarter"] = "2026Q2" }, false);
        // Another tenant's supervision notice, and a notice on another tenant's ticket.
        yield return (HttpMethod.Get, $"/api/supervision/{w.Notice}", null, false);
        yield return (HttpMethod.Post, $"/api/supervision/{w.Notice}/review", new JsonObject { ["outcome"] = "accept", ["comment"] = "冒充审核" }, false);
        yield return (HttpMethod.Post, "/api/supervision", new JsonObject { ["ticketNumber"] = w.Ticket, ["reason"] = "冒充督办", ["deadline"] = DateTimeOffset.UtcNow.AddDays(2) }, false);
        // Another enterprise's build-out evaluation (ASM-4): not its managers' to read or fill in, the Data Bureau's alone to open, score and review.
        yield return (HttpMethod.Get, $"/api/buildout/{w.OtherEnterprise}", null, false);
        yield return (HttpMethod.Put, $"/api/buildout/{w.OtherEnterprise}/items/entry", new JsonObject { ["selfAssessment"] = "冒充自评" }, false);
        yield return (HttpMethod.Post, $"/api/buildout/{w.OtherEnterprise}/items/entry/evidence", null, false);
        yield return (HttpMethod.Post, $"/api/buildout/{w.OtherEnterprise}/submit", null, false);
        yield return (HttpMethod.Put, $"/api/buildout/{w.OtherEnterprise}/items/entry/score", new JsonObject { ["score"] = 15 }, false);
        yield return (HttpMethod.Post, $"/api/buildout/{w.OtherEnterprise}/review", new JsonObject { ["outcome"] = "confirm" }, false);
        yield return (HttpMethod.Post, "/api/buildout", new JsonObject { ["enterpriseId"] = w.OtherEnterprise.ToString(), ["awardedOn"] = "2026-10-01" }, false);
        yield return (HttpMethod.Put, "/api/rules/sla/4502?comment=x", new JsonObject(), false);
        yield return (HttpMethod.Get, "/api/rules/sla/4502", null, true);
        yield return (HttpMethod.Get, "/api/rules/sla/4502/effective", null, true);
        yield return (HttpMethod.Get, "/api/rules/sla/4502/history", null, true);
        yield return (HttpMethod.Post, "/api/rules/sla/4502/rollback", new JsonObject { ["toVersion"] = 1, ["comment"] = "x" }, false);
        yield return (HttpMethod.Post, "/api/rules/sla/4502/what-if", new JsonObject(), true);
        yield return (HttpMethod.Get, $"/api/hotline/units/{w.ForeignUnit}", null, false);
        yield return (HttpMethod.Get, "/api/deliveries", null, false);
        yield return (HttpMethod.Post, $"/api/platforms/{Guid.NewGuid()}/revoke", null, false);
        yield return (HttpMethod.Post, $"/api/tickets/{w.Ticket}/calls", new JsonObject { ["note"] = "冒充来电" }, false);
        yield return (HttpMethod.Post, "/api/rules/escalation/4502/what-if", new JsonObject(), true);
        yield return (HttpMethod.Post, "/api/rules/sla/4502/calendar-import", new JsonObject(), true);
        yield return (HttpMethod.Get, "/api/rules/sla/4502/recompute", null, true);
        yield return (HttpMethod.Post, "/api/rules/sla/4502/recompute?comment=x", null, true);
        yield return (HttpMethod.Get, "/api/rules/grading/4502/history", null, true);
        yield return (HttpMethod.Get, "/api/rules/dispatch/4502/effective", null, true);
        yield return (HttpMethod.Get, $"/api/audit?id={w.Ticket}", null, false);
        yield return (HttpMethod.Get, $"/api/audit/export?id={w.Ticket}", null, false);
        yield return (HttpMethod.Post, "/api/audit/verify", null, false);
        yield return (HttpMethod.Get, $"/api/mailbox/{w.Mail}", null, false);
        yield return (HttpMethod.Post, $"/api/mailbox/{w.Mail}/ticket", new JsonObject { ["unitId"] = w.ForeignUnit.ToString() }, false);
        yield return (HttpMethod.Post, $"/api/mailbox/{w.Mail}/dismiss", new JsonObject { ["reason"] = "抢先忽略" }, false);
        yield return (HttpMethod.Get, $"/api/knowledge/articles/{w.Article}", null, true);
        yield return (HttpMethod.Put, $"/api/knowledge/articles/{w.Article}", new JsonObject { ["kind"] = "hard", ["title"] = "冒充修改", ["steps"] = "x" }, false);
        yield return (HttpMethod.Post, $"/api/knowledge/articles/{w.Article}/submit", null, false);
        yield return (HttpMethod.Post, $"/api/knowledge/articles/{w.Article}/review", new JsonObject { ["decision"] = "approve" }, false);
        yield return (HttpMethod.Get, $"/api/knowledge/articles/{w.Article}/usage", null, true);
        yield return (HttpMethod.Post, $"/api/knowledge/articles/{w.Article}/vote", new JsonObject { ["useful"] = false }, false);
        yield return (HttpMethod.Get, $"/api/knowledge/articles/{w.Article}/files", null, true);
        yield return (HttpMethod.Get, $"/api/knowledge/articles/{w.Article}/files/{w.ArticleFile}", null, true);
        yield return (HttpMethod.Post, $"/api/knowledge/articles/{w.Article}/files", null, false);
        yield return (HttpMethod.Get, $"/api/knowledge/suggestions?ticket={w.Ticket}", null, true);
        yield return (HttpMethod.Get, "/api/users", null, false);
        yield return (HttpMethod.Post, "/api/users", new JsonObject { ["email"] = "intruder@xinchuang.local", ["displayName"] = "冒充", ["role"] = "DataBureauAdmin" }, false);
        yield return (HttpMethod.Post, $"/api/users/{ForeignTenant.Admin}/disable", null, false);
        yield return (HttpMethod.Post, $"/api/users/{ForeignTenant.Admin}/reset-password", null, false);
        // Another party's liaison (NET-4): another enterprise's, another city's.
        yield return (HttpMethod.Put, $"/api/liaisons/enterprise-{w.OtherEnterprise}", new JsonObject { ["name"] = "冒充联络人", ["phone"] = "0771-5550000" }, false);
        yield return (HttpMethod.Put, "/api/liaisons/city-4502", new JsonObject { ["name"] = "冒充联络人", ["phone"] = "0771-5550000" }, false);
    }

    [Theory]
    [MemberData(nameof(TenantUsers))]
    public async Task AnotherTenantsIds_GetNothing_AndEveryRefusalIsLogged(string user)
    {
        var api = await world.App.LoginAsync(user, ForeignTenant.DemoPassword);
        foreach (var (method, url, body, secret) in Calls())
        {
            // The coordinators and the region-wide roles may see every enterprise; only enterprise staff and units may not.
            if (url.StartsWith("/api/enterprises/") && user == "nanning@xinchuang.local") continue;
            // A coordinator reads every enterprise's build-out evaluation (it changes none).
            if (method == HttpMethod.Get && url.StartsWith("/api/buildout/") && user == "nanning@xinchuang.local") continue;
            var before = world.App.Logs.RefusalsOf(user);
            var request = new HttpRequestMessage(method, url);
            if (body is not null) request.Content = JsonContent.Create(body);
            var response = await api.SendAsync(request);
            var status = (int)response.StatusCode;
            Assert.True(secret ? status == 404 : status is 403 or 404, $"{user} {method} {url} answered {status}: {await response.Content.ReadAsStringAsync()}");
            Assert.True(world.App.Logs.RefusalsOf(user) > before, $"{user} {method} {url} was refused without a log line");
        }

        // Lists never show the other tenant's rows.
        foreach (var instance in new[] { world.TicketInstance, world.FeedbackInstance })
            Assert.Empty((await api.GetFromJsonAsync<JsonObject>($"/api/tasks?instanceId={instance}"))!["items"]!.AsArray());
        var tickets = (await api.GetFromJsonAsync<JsonObject>($"/api/tickets?search={world.Ticket}"))!["items"]!.AsArray();
        Assert.Empty(tickets);
        // The regional desk's mail: not in an integrator dispatcher's mailbox, and the mailbox is no one else's at all.
        var mailbox = await api.GetAsync("/api/mailbox");
        if (user == "integrator@xinchuang.local")
            Assert.DoesNotContain((await mailbox.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray(), m => m!["id"]!.GetValue<string>() == world.Mail);
        else Assert.Equal(HttpStatusCode.Forbidden, mailbox.StatusCode);
        var instances = (await api.GetFromJsonAsync<JsonObject>("/api/workflow-instances?take=200"))!["items"]!.AsArray();
        Assert.DoesNotContain(instances, i => i!["id"]!.GetValue<string>() == world.TicketInstance);
        foreach (var view in new[] { "Mine", "Team", "Overdue", "All" })
        {
            var rows = (await api.GetFromJsonAsync<JsonObject>($"/api/inbox?view={view}&take=200&text={world.Ticket}"))!["items"]!.AsArray();
            Assert.DoesNotContain(rows, r => r!["caseNumber"]?.GetValue<string>() is { } n && (n == world.Ticket || n == world.FeedbackTicket));
        }

        // The pages answer as if the ticket did not exist, and the probe is logged.
        foreach (var page in new[] { $"/tickets/{world.Ticket}", $"/m/{world.Ticket}", $"/complaints/{world.Complaint}" })
        {
            var before = world.App.Logs.RefusalsOf(user);
            var html = await api.GetStringAsync(page);
            Assert.Contains(page.StartsWith("/complaints") ? "complaint-not-found" : "ticket-not-found", html);
            Assert.DoesNotContain("外单位：终端无法开机", html);
            Assert.True(world.App.Logs.RefusalsOf(user) > before, $"{user} opened {page} without a log line");
        }
        // The accounts page: for the Data Bureau's administrators only (the others are sent to the no-access page), and the probe is logged.
        {
            var before = world.App.Logs.RefusalsOf(user);
            var html = await api.GetStringAsync("/users");
            Assert.Contains("data-testid=\"no-access\"", html);
            Assert.DoesNotContain(ForeignTenant.Admin, html.Replace($">{user}<", ""));
            Assert.True(world.App.Logs.RefusalsOf(user) > before, $"{user} opened /users without a log line");
        }
        // The mailbox page with the regional desk's mail: "not found" for an integrator's dispatcher; the rest may not open the page.
        {
            var before = world.App.Logs.RefusalsOf(user);
            var html = await api.GetStringAsync($"/mailbox/{world.Mail}");
            Assert.Contains(user == "integrator@xinchuang.local" ? "mailbox-missing" : "data-testid=\"no-access\"", html);
            Assert.DoesNotContain("mail-text", html);
            Assert.True(world.App.Logs.RefusalsOf(user) > before, $"{user} opened /mailbox/{world.Mail} without a log line");
        }
        // Another tenant's supervision notice: "not found" for the readers of notices, no access for the rest; logged either way.
        {
            var before = world.App.Logs.RefusalsOf(user);
            var html = await api.GetStringAsync($"/supervision/{world.Notice}");
            Assert.Contains(user is "manager@xinchuang.local" or "nanning@xinchuang.local" ? "supervision-missing" : "data-testid=\"no-access\"", html);
            Assert.DoesNotContain("外单位：督办到场超时", html);
            Assert.True(world.App.Logs.RefusalsOf(user) > before, $"{user} opened /supervision/{world.Notice} without a log line");
        }
        // Another city's rules pages (none of these users may read Liuzhou's rules).
        foreach (var page in new[] { "/rules/sla/4502", "/rules/escalation/4502", "/rules/grading/4502", "/rules/dispatch/4502" })
        {
            var before = world.App.Logs.RefusalsOf(user);
            Assert.Contains("rules-not-found", await api.GetStringAsync(page));
            Assert.True(world.App.Logs.RefusalsOf(user) > before, $"{user} opened {page} without a log line");
        }
    }

    /// <summary>What of the other tenant must never reach these users: its tickets, complaint, contact, unit and texts.</summary>
    private string[] ForeignMarkers() =>
        [world.Ticket, world.FeedbackTicket, world.Complaint, "外单位", "0772-5550101", world.ForeignUnitName, world.Article, world.Notice];

    /// <summary>A grading table that puts every ticket at P1: a what-if with it lists every ticket not already P1.</summary>
    private static readonly JsonObject EverythingP1 = new()
    {
        ["schemaVersion"] = 1, ["table"] = "grading", ["scope"] = "region",
        ["rows"] = new JsonArray(new JsonObject { ["id"] = "default", ["grade"] = "P1", ["description"] = "all" }),
    };

    /// <summary>The other tenant's id for each path parameter; an operation taking an id the probe does not know fails the test until it is taught.</summary>
    private Dictionary<string, string> PathValues(ApiOperation op, string kind, string scope, string platform, string action = "redispatch")
    {
        var (w, t) = (world, op.Template);
        string Id() =>
            t.Contains("/attachments/") ? w.Attachment
            : t.StartsWith("/api/knowledge/articles/") ? w.ArticleFile
            : t.StartsWith("/api/complaints/") ? w.Complaint
            : t.StartsWith("/api/tasks/") ? w.TicketTask
            : t.StartsWith("/api/workflow-instances/") ? w.TicketInstance
            : t.StartsWith("/api/enterprises/") ? w.OtherEnterprise.ToString()
            : t.StartsWith("/api/hotline/units/") ? w.ForeignUnit.ToString()
            : t.StartsWith("/api/mailbox/") ? w.Mail
            : t.StartsWith("/api/platforms/") ? platform
            : t.StartsWith("/api/assessment/results/") ? w.OtherResult
            : t.StartsWith("/api/assessment/rounds/") ? w.Round
            : throw new InvalidOperationException($"The probe does not know which id {op} takes: teach it.");
        return op.Path.ToDictionary(p => p.Name, p => p.Name switch
        {
            "idOrNumber" => t.StartsWith("/api/knowledge/") ? w.Article : t.StartsWith("/api/supervision/") ? w.Notice : w.Ticket, "id" => Id(), "kind" => kind, "scope" or "city" => scope, "definitionId" => "service-ticket",
            "enterpriseId" => w.OtherEnterprise.ToString(), "item" => "network", "fileId" => Guid.NewGuid().ToString(),
            "version" => "1", "name" => "poke", "path" => "onSite.sameCity", "userName" => ForeignTenant.Admin, "key" => action,
            // Rows of the other enterprise's network: the enterprise is checked first, so any id of theirs is refused the same way.
            "pointId" or "technicianId" or "trainingId" => Guid.NewGuid().ToString(), "number" => "GXXC-PROBE-000001",
            "county" => "450202", "party" => $"enterprise-{w.OtherEnterprise}",
            _ => throw new InvalidOperationException($"The probe does not know the parameter {{{p.Name}}} of {op}: teach it."),
        });
    }

    /// <summary>Query values that reach the other tenant's data if anything does: a wide period, full pages, its ticket number as the search.</summary>
    private Dictionary<string, string?> QueryValues(ApiOperation op) => op.Query.ToDictionary(p => p.Name, p => p.Name.ToLowerInvariant() switch
    {
        "from" => DateTime.UtcNow.AddDays(-300).ToString("yyyy-MM-dd"),
        "to" => DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd"),
        "take" => "200", "skip" => "0",
        "text" or "search" or "id" => world.Ticket,
        "instanceid" => world.TicketInstance,
        "ticket" => world.Ticket,
        "definitionid" => "service-ticket",
        "comment" or "reason" => "probe",
        _ => (string?)null,
    });

    private IEnumerable<(HttpRequestMessage Request, string Label)> Probe(ApiOperation op, string platform)
    {
        var kinds = op.Template.Contains("{kind}") ? new[] { "sla", "escalation", "grading", "dispatch" } : ["sla"];
        var scopes = op.Template.Contains("{scope}") || op.Template.Contains("{city}") ? new[] { "region", "4502" } : ["region"];
        foreach (var kind in kinds)
            foreach (var scope in scopes)
                foreach (var action in Actions(op))
                {
                    var body = op.Template.EndsWith("/what-if") && kind == "grading" ? EverythingP1.DeepClone() : null;
                    var request = OpenApiProbe.Request(op, PathValues(op, kind, scope, platform, action), QueryValues(op), body);
                    yield return (request, $"{op.Method} {request.RequestUri}");
                }
    }

    /// <summary>Every registered ticket action's key for an operation taking one, else the one default.</summary>
    private IReadOnlyList<string> Actions(ApiOperation op) => op.Template.Contains("{key}") ? ActionKeys : ["redispatch"];

    private async Task<string> PlatformIdAsync()
    {
        var admin = await world.App.LoginAsync(ForeignTenant.Admin, ForeignTenant.AdminPassword);
        var issued = await admin.PostAsJsonAsync("/api/platforms", new { name = "探测平台" });
        return (await issued.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    [Theory]
    [MemberData(nameof(TenantUsers))]
    public async Task EveryOperationOfTheApi_AsATenant_WithAnotherTenantsIdsAndScopes_ReturnsNothingOfTheirs(string user)
    {
        var operations = await OpenApiProbe.OperationsAsync(world.App.CreateClient());
        Assert.True(operations.Count > 60, $"the document lists only {operations.Count} operations");
        var platform = await PlatformIdAsync();
        var api = await world.App.LoginAsync(user, ForeignTenant.DemoPassword);
        var leaks = new List<string>();
        foreach (var op in operations.Where(o => !o.Template.StartsWith("/api/auth/")))
            foreach (var (request, label) in Probe(op, platform))
            {
                // An answer may repeat what the caller sent ("Ticket … does not exist."); it must hold nothing else of theirs.
                var sent = Uri.UnescapeDataString(request.RequestUri!.OriginalString);
                var before = world.App.Logs.RefusalsOf(user);
                var response = await api.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode >= 500) leaks.Add($"{label} answered {(int)response.StatusCode}");
                // A refusal of another tenant's id or scope leaves a trace.
                if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound && op.Path.Any() && world.App.Logs.RefusalsOf(user) == before)
                    leaks.Add($"{label} answered {(int)response.StatusCode} without a log line");
                foreach (var marker in ForeignMarkers().Where(m => !sent.Contains(m, StringComparison.Ordinal) && text.Contains(m, StringComparison.Ordinal)))
                    leaks.Add($"{label} answered {(int)response.StatusCode} with '{marker}'");
            }
        Assert.True(leaks.Count == 0, $"{user}:\n" + string.Join("\n", leaks));
    }

    [Fact]
    public async Task TheProbeReachesTheOtherTenantsData_WhenTheCallerMaySeeIt()
    {
        // The control for the probe above: the same requests as the Data Bureau find the markers where they should.
        var operations = await OpenApiProbe.OperationsAsync(world.App.CreateClient());
        var platform = await PlatformIdAsync();
        var admin = await world.App.LoginAsync(ForeignTenant.Admin, ForeignTenant.AdminPassword);
        var found = new HashSet<string>();
        foreach (var op in operations.Where(o => !o.Writes && !o.Template.StartsWith("/api/auth/")))
            foreach (var (request, _) in Probe(op, platform))
            {
                var text = await (await admin.SendAsync(request)).Content.ReadAsStringAsync();
                if (ForeignMarkers().Any(m => text.Contains(m, StringComparison.Ordinal))) found.Add($"{op.Method} {op.Template}");
            }
        foreach (var expected in new[] { "GET /api/tickets", "GET /api/tickets/{idOrNumber}", "GET /api/complaints/{id}", "GET /api/tasks/{id}", "POST /api/rules/{kind}/{scope}/what-if",
                     "GET /api/hotline/units/{id}", "GET /api/audit", "GET /api/knowledge/articles/{idOrNumber}", "GET /api/knowledge/suggestions" })
            Assert.Contains(expected, found);
    }

    [Fact]
    public async Task EveryWriteOperationOfTheApi_AsTheReadOnlySupervisor_IsRefused()
    {
        var operations = await OpenApiProbe.OperationsAsync(world.App.CreateClient());
        // Issuing a supervision notice is the Intranet Office's one act of change (ASM-7): proven below, not refused.
        var writes = operations.Where(o => o.Writes && !o.Template.StartsWith("/api/auth/") && o.Template != "/api/supervision").ToList();
        Assert.True(writes.Count > 30, $"only {writes.Count} write operations");
        var platform = await PlatformIdAsync();
        var supervisor = await world.App.LoginAsync("supervisor@xinchuang.local", ForeignTenant.DemoPassword);
        var wrong = new List<string>();
        foreach (var op in writes)
            foreach (var action in Actions(op))
            {
                // Ids the supervisor can see (every case), a city's rules: the refusal must be about the role, not the scope.
                var request = OpenApiProbe.Request(op, PathValues(op, "sla", "4502", platform, action), QueryValues(op), null);
                var response = await supervisor.SendAsync(request);
                if (response.StatusCode != HttpStatusCode.Forbidden) wrong.Add($"{op} ({action}) answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        // What the supervisor may do, they still can: read, replay, verify.
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/api/tickets/{world.Ticket}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsJsonAsync("/api/rules/grading/region/what-if", EverythingP1)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsync("/api/audit/verify", null)).StatusCode);
        var notice = await supervisor.PostAsJsonAsync("/api/supervision", new JsonObject { ["ticketNumber"] = world.Ticket, ["reason"] = "内网办督办：请说明处理进度", ["deadline"] = DateTimeOffset.UtcNow.AddDays(1) });
        Assert.Equal(HttpStatusCode.Created, notice.StatusCode);
        Assert.Equal("intranet-office", (await notice.Content.ReadFromJsonAsync<JsonObject>())!["issuer"]!.GetValue<string>());
    }

    [Fact]
    public async Task EveryParameterOfTheApi_WithExtremeValues_NeverAnswers500()
    {
        var operations = await OpenApiProbe.OperationsAsync(world.App.CreateClient());
        var platform = await PlatformIdAsync();
        // The Data Bureau sees everything, so each value gets past the scope checks to the code behind them.
        var admin = await world.App.LoginAsync(ForeignTenant.Admin, ForeignTenant.AdminPassword);
        var failures = new List<string>();
        var sent = 0;
        foreach (var op in operations)
        {
            var path = PathValues(op, "sla", "4502", platform);
            var query = QueryValues(op);
            foreach (var parameter in op.Parameters)
                foreach (var value in OpenApiProbe.ExtremeValues)
                {
                    var (p, q) = (new Dictionary<string, string>(path), new Dictionary<string, string?>(query));
                    if (parameter.In == "path") p[parameter.Name] = value;
                    else q[parameter.Name] = value;
                    var request = OpenApiProbe.Request(op, p, q, null);
                    var response = await admin.SendAsync(request);
                    sent++;
                    if ((int)response.StatusCode >= 500)
                        failures.Add($"{op} {parameter.Name}='{(value.Length > 20 ? value[..20] + "…" : value)}' answered {(int)response.StatusCode}");
                }
        }
        Assert.True(sent > 1000, $"only {sent} requests were sent");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task TheCoverageMapAndTheLiaisons_StayWithinEachTenant()
    {
        // A coordinator reads their city's counties only; another city's county is not found, and the probe is logged.
        var nanning = await world.App.LoginAsync("nanning@xinchuang.local", ForeignTenant.DemoPassword);
        var map = (await nanning.GetFromJsonAsync<JsonObject>("/api/coverage"))!["counties"]!.AsArray();
        Assert.NotEmpty(map);
        Assert.All(map, c => Assert.Equal("4501", c!["cityCode"]!.GetValue<string>()));
        var before = world.App.Logs.RefusalsOf("nanning@xinchuang.local");
        Assert.Equal(HttpStatusCode.NotFound, (await nanning.GetAsync("/api/coverage/counties/450202")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await nanning.GetAsync("/api/coverage/counties/450202/export")).StatusCode);
        Assert.True(world.App.Logs.RefusalsOf("nanning@xinchuang.local") >= before + 2);
        Assert.Equal(HttpStatusCode.OK, (await nanning.GetAsync("/api/coverage/counties/450102")).StatusCode);

        // An enterprise's manager sees its own coverage: in any county's list, only itself.
        var manager = await world.App.LoginAsync("manager@xinchuang.local", ForeignTenant.DemoPassword);
        var own = Assert.Single((await manager.GetFromJsonAsync<JsonArray>("/api/enterprises"))!)!["id"]!.GetValue<string>();
        var county = (await manager.GetFromJsonAsync<JsonObject>("/api/coverage/counties/450202"))!["enterprises"]!.AsArray();
        Assert.Equal(own, Assert.Single(county)!["enterpriseId"]!.GetValue<string>());
        Assert.DoesNotContain(world.OtherEnterprise.ToString(), await manager.GetStringAsync("/api/coverage"));

        // A unit reads neither; the liaisons are for those who work in the platform.
        var unit = await world.App.LoginAsync("unit@xinchuang.local", ForeignTenant.DemoPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await unit.GetAsync("/api/coverage")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await unit.GetAsync("/api/liaisons")).StatusCode);

        // Each party edits its own liaison only: the manager its enterprise's, not the other enterprise's.
        var liaisons = (await manager.GetFromJsonAsync<JsonArray>("/api/liaisons"))!;
        Assert.Equal([$"enterprise-{own}"], liaisons.Where(l => l!["mayEdit"]!.GetValue<bool>()).Select(l => l!["party"]!.GetValue<string>()));
        var body = new JsonObject { ["name"] = "韦丽萍", ["phone"] = "0771-5551234", ["deputyName"] = "覃海涛", ["deputyPhone"] = "13877100001" };
        Assert.Equal(HttpStatusCode.OK, (await manager.PutAsJsonAsync($"/api/liaisons/enterprise-{own}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PutAsJsonAsync($"/api/liaisons/enterprise-{world.OtherEnterprise}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await nanning.PutAsJsonAsync("/api/liaisons/city-4502", body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await nanning.PutAsJsonAsync("/api/liaisons/city-4501", body)).StatusCode);
        var read = (await nanning.GetFromJsonAsync<JsonArray>("/api/liaisons"))!.Single(l => l!["party"]!.GetValue<string>() == $"enterprise-{own}")!;
        Assert.Equal("0771-5551234", read["phone"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheSameCallsWork_WithinTheirOwnScope()
    {
        // The matrix proves refusals; these prove the endpoints are not refusing everyone.
        var unit = await world.App.LoginAsync("unit@xinchuang.local", ForeignTenant.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, (await unit.GetAsync($"/api/tickets/{world.OwnTicket}")).StatusCode);
        var nanning = await world.App.LoginAsync("nanning@xinchuang.local", ForeignTenant.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, (await nanning.GetAsync($"/api/tickets/{world.OwnTicket}")).StatusCode);
        var admin = await world.App.LoginAsync(ForeignTenant.Admin, ForeignTenant.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/tickets/{world.Ticket}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/tasks/{world.ReviewTask}")).StatusCode);
        var inbox = (await admin.GetFromJsonAsync<JsonObject>($"/api/inbox?view=All&take=200&text={world.Ticket}"))!["items"]!.AsArray();
        Assert.Contains(inbox, r => r!["caseNumber"]?.GetValue<string>() == world.Ticket);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/tickets/{world.Ticket}/attachments/{world.Attachment}")).StatusCode);
        Assert.Contains("外单位：终端无法开机", await admin.GetStringAsync($"/tickets/{world.Ticket}"));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/mailbox/{world.Mail}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/supervision/{world.Notice}")).StatusCode);
        var desk = await world.App.LoginAsync("dispatcher@xinchuang.local", ForeignTenant.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync($"/api/mailbox/{world.Mail}")).StatusCode);
        var manager = await world.App.LoginAsync("manager@xinchuang.local", ForeignTenant.DemoPassword);
        var own = (await manager.GetFromJsonAsync<JsonArray>("/api/enterprises"))!;
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/enterprises/{Assert.Single(own)!["id"]}")).StatusCode);
    }
}

public sealed class ScopeMatrixSqliteTests(SqliteForeignTenant world) : ScopeMatrixTests(world), IClassFixture<SqliteForeignTenant>;
public sealed class ScopeMatrixPostgresTests(PostgresForeignTenant world) : ScopeMatrixTests(world), IClassFixture<PostgresForeignTenant>;
