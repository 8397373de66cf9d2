using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace XinchuangFlow.Web.Tests;

/// <summary>What an external script sees: the REST API end to end, with real tokens and a real database.</summary>
public class ApiTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    private const string Admin = "admin@xinchuang.local";
    private const string AdminPassword = "Admin#2026xf";
    private const string DemoPassword = "Demo#2026xf";

    private Task<HttpClient> LoginAsync(string email, string password) => factory.LoginAsync(email, password);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string ApprovalFlow(string id) => $$"""
    {
      "schemaVersion": 1, "definitionId": "{{id}}", "name": "审批",
      "variables": [ { "name": "amount", "type": "number", "default": 0 }, { "name": "review", "type": "object" } ],
      "activities": [
        { "id": "start", "type": "xf.Start" },
        { "id": "review", "type": "xf.UserTask", "inputs": { "title": { "expr": "'金额 ' + vars.amount" }, "role": "Dispatcher",
          "outcomes": ["同意", "驳回"], "resultVariable": "review",
          "form": [ { "name": "comment", "type": "text", "required": true } ] } },
        { "id": "end", "type": "xf.End" }
      ],
      "connections": [
        { "source": { "activity": "start", "port": "done" }, "target": { "activity": "review" } },
        { "source": { "activity": "review", "port": "同意" }, "target": { "activity": "end" } },
        { "source": { "activity": "review", "port": "驳回" }, "target": { "activity": "end" } }
      ]
    }
    """;

    [Fact]
    public async Task Script_ImportPublishStartCompleteFinish()
    {
        var api = await LoginAsync(Admin, AdminPassword);

        var created = await api.PostAsync("/api/workflow-definitions", Json(ApprovalFlow("api-approval")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var draft = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(1, draft["version"]!.GetValue<int>());
        Assert.Equal("Draft", draft["status"]!.GetValue<string>());

        var published = await api.PostAsync("/api/workflow-definitions/api-approval/publish", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal("Published", (await published.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());

        var exported = await api.GetStringAsync("/api/workflow-definitions/api-approval");
        Assert.Contains("\"xf.UserTask\"", exported);

        var start = await api.PostAsJsonAsync("/api/workflow-instances", new { definitionId = "api-approval", input = new { amount = 1200 } });
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        var instanceId = (await start.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var tasks = (await api.GetFromJsonAsync<JsonObject>($"/api/tasks?instanceId={instanceId}&status=Open"))!["items"]!.AsArray();
        var task = Assert.Single(tasks)!;
        Assert.Contains(task["outcomes"]!.AsArray(), o => o!["key"]!.GetValue<string>() == "同意");   // a plain outcome is key and name at once
        Assert.Equal("金额 1200", task["title"]!.GetValue<string>());
        var taskId = task["id"]!.GetValue<string>();

        var badOutcome = await api.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "也许", data = new { comment = "x" } });
        Assert.Equal(HttpStatusCode.BadRequest, badOutcome.StatusCode);
        var badData = await api.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "同意", data = new { } });
        Assert.Equal(HttpStatusCode.BadRequest, badData.StatusCode);
        Assert.Contains("comment", await badData.Content.ReadAsStringAsync());

        var done = await api.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "同意", data = new { comment = "可以" } });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var again = await api.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "同意", data = new { comment = "可以" } });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already-completed", await again.Content.ReadAsStringAsync());

        var instance = (await api.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{instanceId}"))!;
        Assert.Equal("Finished", instance["status"]!.GetValue<string>());
        Assert.Equal("可以", instance["variables"]!["review"]!["comment"]!.GetValue<string>());
        var journal = instance["journal"]!.AsArray();
        Assert.Contains(journal, j => j!["kind"]!.GetValue<string>() == "TaskCompleted" && j["user"]!.GetValue<string>() == Admin);
    }

    [Fact]
    public async Task Signals_Migrate_Cancel_ThroughTheApi()
    {
        var api = await LoginAsync(Admin, AdminPassword);
        const string v1 = """
        { "schemaVersion": 1, "definitionId": "api-signal", "name": "等待到场",
          "variables": [ { "name": "arrival", "type": "object" } ],
          "activities": [
            { "id": "start", "type": "xf.Start" },
            { "id": "arrive", "type": "xf.Signal", "inputs": { "signal": "checked-in", "resultVariable": "arrival" } },
            { "id": "end", "type": "xf.End" } ],
          "connections": [
            { "source": { "activity": "start", "port": "done" }, "target": { "activity": "arrive" } },
            { "source": { "activity": "arrive", "port": "done" }, "target": { "activity": "end" } } ] }
        """;
        (await api.PostAsync("/api/workflow-definitions?publish=true", Json(v1))).EnsureSuccessStatusCode();
        var first = await StartAsync(api, "api-signal");
        var second = await StartAsync(api, "api-signal");

        // Version 2 adds a step after the signal; the running instance is moved onto it.
        const string v2 = """
        { "schemaVersion": 1, "definitionId": "api-signal", "name": "等待到场",
          "variables": [ { "name": "arrival", "type": "object" } ],
          "activities": [
            { "id": "start", "type": "xf.Start" },
            { "id": "arrive", "type": "xf.Signal", "inputs": { "signal": "checked-in", "resultVariable": "arrival" } },
            { "id": "note", "type": "xf.SetVariable", "inputs": { "variable": "arrival", "value": "v2" } },
            { "id": "end", "type": "xf.End" } ],
          "connections": [
            { "source": { "activity": "start", "port": "done" }, "target": { "activity": "arrive" } },
            { "source": { "activity": "arrive", "port": "done" }, "target": { "activity": "note" } },
            { "source": { "activity": "note", "port": "done" }, "target": { "activity": "end" } } ] }
        """;
        var published = await api.PostAsync("/api/workflow-definitions?publish=true", Json(v2));
        Assert.Equal(2, (await published.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>());
        var migrated = await api.PostAsJsonAsync($"/api/workflow-instances/{first}/migrate", new { toVersion = 2 });
        Assert.Equal(HttpStatusCode.OK, migrated.StatusCode);
        var badVersion = await api.PostAsJsonAsync($"/api/workflow-instances/{first}/migrate", new { toVersion = 9 });
        Assert.Equal(HttpStatusCode.NotFound, badVersion.StatusCode);

        var signal = await api.PostAsync($"/api/workflow-instances/{first}/signals/checked-in", Json("{\"lat\": 22.8}"));
        Assert.Equal(1, (await signal.Content.ReadFromJsonAsync<JsonObject>())!["resumed"]!.GetValue<int>());
        var done = (await api.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{first}"))!;
        Assert.Equal("Finished", done["status"]!.GetValue<string>());
        Assert.Equal("v2", done["variables"]!["arrival"]!.GetValue<string>());
        var badPayload = await api.PostAsync($"/api/workflow-instances/{second}/signals/checked-in", Json("{ nope"));
        Assert.Equal(HttpStatusCode.BadRequest, badPayload.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/workflow-instances/{second}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync($"/api/workflow-instances/{second}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync($"/api/workflow-instances/{second}/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"/api/workflow-instances/{Guid.NewGuid()}/cancel", null)).StatusCode);

        // The operator's actions are in the audit trail: the migration with both versions, the cancel (once: the refused second is not).
        var migrate = (await api.GetFromJsonAsync<JsonObject>($"/api/audit?kind=instance&id={first}"))!["items"]!.AsArray();
        var line = Assert.Single(migrate, l => l!["action"]!.GetValue<string>() == "migrate")!;
        Assert.Equal("v1 → v2", line["comment"]!.GetValue<string>());
        Assert.Equal(Admin, line["user"]!.GetValue<string>());
        Assert.Equal("127.0.0.1", line["address"]!.GetValue<string>());
        var cancel = (await api.GetFromJsonAsync<JsonObject>($"/api/audit?kind=instance&id={second}"))!["items"]!.AsArray();
        Assert.Equal("Cancelled", Assert.Single(cancel, l => l!["action"]!.GetValue<string>() == "cancel")!["after"]!.GetValue<string>());
    }

    private static async Task<string> StartAsync(HttpClient api, string definitionId)
    {
        var response = await api.PostAsJsonAsync("/api/workflow-instances", new { definitionId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task StartInstance_UnknownDefinitionOrWrongInputType_ClearErrors()
    {
        var api = await LoginAsync(Admin, AdminPassword);
        var unknown = await api.PostAsJsonAsync("/api/workflow-instances", new { definitionId = "no-such-flow" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("no-such-flow", await unknown.Content.ReadAsStringAsync());
        (await api.PostAsync("/api/workflow-definitions?publish=true", Json(ApprovalFlow("api-typed")))).EnsureSuccessStatusCode();
        var wrongType = await api.PostAsJsonAsync("/api/workflow-instances", new { definitionId = "api-typed", input = new { amount = "lots" } });
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Contains("amount", await wrongType.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CreateDefinition_Invalid_400ListsEveryProblemWithActivity()
    {
        var api = await LoginAsync(Admin, AdminPassword);
        var broken = ApprovalFlow("api-broken").Replace("xf.End", "xf.Finish").Replace("'金额 ' + vars.amount", "'金额 ' +");
        var response = await api.PostAsync("/api/workflow-definitions", Json(broken));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var errors = body["errors"]!.AsArray();
        Assert.Contains(errors, e => e!["code"]!.GetValue<string>() == "unknown-type" && e["activityId"]!.GetValue<string>() == "end");
        Assert.Contains(errors, e => e!["code"]!.GetValue<string>() == "bad-expression" && e["activityId"]!.GetValue<string>() == "review");
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/workflow-definitions/api-broken")).StatusCode);
    }

    [Theory]
    [InlineData("{ \"definitionId\": ")]
    [InlineData("")]
    [InlineData("[]")]
    public async Task CreateDefinition_Malformed_400(string body)
    {
        var api = await LoginAsync(Admin, AdminPassword);
        var response = await api.PostAsync("/api/workflow-definitions", Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task CreateDefinition_Oversized_413()
    {
        var api = await LoginAsync(Admin, AdminPassword);
        var huge = ApprovalFlow("api-huge").Replace("\"审批\"", "\"" + new string('x', 300_000) + "\"");
        var response = await api.PostAsync("/api/workflow-definitions", Json(huge));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Scope_NonAdminsCannotManageDefinitionsOrTouchOthersTasks()
    {
        var admin = await LoginAsync(Admin, AdminPassword);
        (await admin.PostAsync("/api/workflow-definitions?publish=true", Json(ApprovalFlow("api-scope")))).EnsureSuccessStatusCode();
        var start = await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = "api-scope" });
        var instanceId = (await start.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var taskId = (await admin.GetFromJsonAsync<JsonObject>($"/api/tasks?instanceId={instanceId}"))!["items"]![0]!["id"]!.GetValue<string>();

        var tech = await LoginAsync("tech@xinchuang.local", DemoPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await tech.PostAsync("/api/workflow-definitions", Json(ApprovalFlow("api-tech")))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tech.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "同意", data = new { comment = "x" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tech.GetAsync($"/api/tasks/{taskId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tech.GetAsync($"/api/workflow-instances/{instanceId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tech.GetAsync("/api/tasks?role=Dispatcher")).StatusCode);
        Assert.DoesNotContain((await tech.GetFromJsonAsync<JsonObject>("/api/tasks"))!["items"]!.AsArray(), t => t!["id"]!.GetValue<string>() == taskId);

        var dispatcher = await LoginAsync("dispatcher@xinchuang.local", DemoPassword);
        Assert.Contains((await dispatcher.GetFromJsonAsync<JsonObject>($"/api/tasks?status=Open&instanceId={instanceId}"))!["items"]!.AsArray(), t => t!["id"]!.GetValue<string>() == taskId);
        var done = await dispatcher.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "驳回", data = new { comment = "资料不全" } });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
    }

    [Fact]
    public async Task Anonymous_Gets401_AndSelfRegistrationIsClosed()
    {
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/workflow-definitions", Json("{}"))).StatusCode);
        var register = await client.PostAsJsonAsync("/api/auth/register", new { email = "evil@example.com", password = "Evil#12345" });
        Assert.True(register.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"register answered {register.StatusCode}");   // not mapped
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email = "evil@example.com", password = "Evil#12345" });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheApi()
    {
        var doc = await factory.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/workflow-definitions", doc);
        Assert.Contains("/api/workflow-instances/{id}/signals/{name}", doc);
        Assert.Contains("/api/tasks/{id}/complete", doc);
        Assert.Contains("/api/activity-descriptors", doc);
        Assert.DoesNotContain("/api/auth/register", doc);   // self-registration is closed, and not offered either

        // For client authors (INT-4): how to authenticate, the error shape with its stable codes, example bodies.
        var json = JsonNode.Parse(doc)!;
        Assert.Equal("X-Api-Key", json["components"]!["securitySchemes"]!["apiKey"]!["name"]!.GetValue<string>());
        var create = json["paths"]!["/api/tickets"]!["post"]!;
        Assert.Equal("terminal", create["requestBody"]!["content"]!["application/json"]!["example"]!["productCategory"]!.GetValue<string>());
        var invalid = create["responses"]!["400"]!["content"]!["application/problem+json"]!;
        Assert.Equal("invalid", invalid["example"]!["code"]!.GetValue<string>());
        Assert.NotNull(invalid["example"]!["errors"]!["contactPhone"]);
        Assert.Equal("idempotency-key-reused", create["responses"]!["422"]!["content"]!["application/problem+json"]!["example"]!["code"]!.GetValue<string>());
        foreach (var (path, item) in json["paths"]!.AsObject().Where(p => p.Key.StartsWith("/api/") && !p.Key.StartsWith("/api/auth/")))
            foreach (var (method, operation) in item!.AsObject())
                Assert.True(operation!["responses"]!["404"] is not null && operation["responses"]!["401"] is not null, $"{method} {path} does not describe its errors");
        Assert.NotNull(json["paths"]!["/api/mailbox/{id}/ticket"]!["post"]!["summary"]);
    }

    [Fact]
    public async Task ActivityDescriptors_ServedWithChineseNames()
    {
        var api = await LoginAsync(Admin, AdminPassword);
        var descriptors = (await api.GetFromJsonAsync<JsonArray>("/api/activity-descriptors"))!;
        var task = descriptors.Single(d => d!["type"]!.GetValue<string>() == "xf.UserTask")!;
        Assert.Equal("人工任务", task["displayNameZh"]!.GetValue<string>());
        Assert.True(task["isWaiting"]!.GetValue<bool>());
        Assert.Contains(task["inputs"]!.AsArray(), i => i!["name"]!.GetValue<string>() == "assignee");
    }

    [Fact]
    public async Task ShippedWorkflows_ImportedAtStartup()
    {
        var api = await LoginAsync(Admin, AdminPassword);
        var list = (await api.GetFromJsonAsync<JsonArray>("/api/workflow-definitions"))!;
        var demo = list.Single(d => d!["definitionId"]!.GetValue<string>() == "demo-acceptance")!;
        Assert.Equal("Published", demo["status"]!.GetValue<string>());
        Assert.Equal("demo-acceptance.json", demo["source"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheAuditTrail_IsSearchedExportedAndVerified_ByTheDataBureau()
    {
        var admin = await LoginAsync(Admin, AdminPassword);
        var ticket = (await admin.GetFromJsonAsync<JsonObject>("/api/tickets?take=1"))!["items"]!.AsArray()[0]!["number"]!.GetValue<string>();
        var found = (await admin.GetFromJsonAsync<JsonObject>($"/api/audit?id={ticket}"))!;
        Assert.True(found["total"]!.GetValue<int>() >= 2);
        Assert.All(found["items"]!.AsArray(), l => Assert.Equal(ticket, l!["entityId"]!.GetValue<string>()));
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd");
        var csv = await admin.GetAsync($"/api/audit/export?id={ticket}&from=2020-01-01&to={today}");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var rows = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(found["total"]!.GetValue<int>() + 1, rows.Length);
        var verified = (await (await admin.PostAsync("/api/audit/verify", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(verified["intact"]!.GetValue<bool>(), verified.ToJsonString());
        Assert.True(verified["sealed"]!.GetValue<long>() > 0);
        var bad = await admin.GetAsync("/api/audit?take=500");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task EveryAuditLine_SaysWhereTheChangeCameFrom_TheClientBehindTheProxy_NotTheProxy()
    {
        var unit = await LoginAsync("unit@xinchuang.local", DemoPassword);
        async Task<string> FileAsync(string title, params (string Header, string Value)[] headers)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tickets")
            {
                Content = JsonContent.Create(new JsonObject
                {
                    ["contactName"] = "陆工", ["contactPhone"] = "0771-5550101", ["cityCode"] = "4501", ["countyCode"] = "450103",
                    ["productCategory"] = "terminal", ["impact"] = "single", ["title"] = title, ["description"] = "按电源键无反应。",
                }),
            };
            foreach (var (h, v) in headers) request.Headers.Add(h, v);
            var response = await unit.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!["number"]!.GetValue<string>();
        }
        var admin = await LoginAsync(Admin, AdminPassword);
        async Task<List<string?>> AddressesAsync(string number) =>
            (await admin.GetFromJsonAsync<JsonObject>($"/api/audit?id={number}"))!["items"]!.AsArray().Select(l => l!["address"]?.GetValue<string>()).ToList();

        // Through the local nginx: the client it names in X-Forwarded-For — on every line the request caused (intake, grading, dispatch).
        var viaProxy = await FileAsync("来源测试：经代理", ("X-Forwarded-For", "10.45.1.23"));
        var lines = await AddressesAsync(viaProxy);
        Assert.True(lines.Count >= 2, string.Join(",", lines));
        Assert.All(lines, a => Assert.Equal("10.45.1.23", a));
        // A client that is not a trusted proxy cannot claim another address: its own is written.
        var spoofed = await FileAsync("来源测试：伪造", (RemoteAddressFilter.Header, "10.9.9.9"), ("X-Forwarded-For", "1.2.3.4"));
        var spoofedLines = await AddressesAsync(spoofed);
        Assert.True(spoofedLines.Count >= 2, string.Join(",", spoofedLines));
        Assert.All(spoofedLines, a => Assert.Equal("10.9.9.9", a));
        // The CSV the Data Bureau exports carries it too.
        var csv = await (await admin.GetAsync($"/api/audit/export?id={viaProxy}")).Content.ReadAsStringAsync();
        Assert.Contains("10.45.1.23", csv);
    }

    [Fact]
    public async Task Health_Healthy()
    {
        Assert.Equal("Healthy", await factory.CreateClient().GetStringAsync("/health"));
    }

    [Fact]
    public async Task LoginPage_ChineseByDefault_EnglishOnRequest()
    {
        var client = factory.CreateClient();
        var zh = await client.GetStringAsync("/login");
        Assert.Contains("信创服务保障平台", zh);
        Assert.Contains("lang=\"zh-CN\"", zh);
        var en = await client.GetStringAsync("/login?culture=en");
        Assert.Contains("Sign in", en);
        Assert.DoesNotContain("https://", zh.Replace("https://localhost", ""));
    }
}
