using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace XinchuangFlow.Web.Tests;

/// <summary>
/// The defects a hostile or careless user found (issue 7), each as a test: starting flows one may not start, choosing
/// an integrator against the contract, text rewritten on the way in, idempotency keys reused for another request,
/// absurd or contradictory rules, open redirects, a login form without its antiforgery token, invisible titles,
/// paging out of range, and a low rating without a comment through the task API.
/// </summary>
public class HostileInputTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    private const string Demo = "Demo#2026xf";
    private Task<HttpClient> LoginAsync(string email, string password = Demo) => factory.LoginAsync(email, password);

    private static JsonObject NewRequest(string title = "统信UOS终端无法开机", string description = "开机后黑屏，无法登录系统。") => new()
    {
        ["contactName"] = "陆工", ["contactPhone"] = "0771-5550101", ["cityCode"] = "4501", ["countyCode"] = "450103",
        ["productCategory"] = "terminal", ["impact"] = "single", ["title"] = title, ["description"] = description,
    };

    private static async Task<HttpResponseMessage> PostAsync(HttpClient api, string url, JsonNode body, string? key = null)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (key is not null) message.Headers.Add("Idempotency-Key", key);
        return await api.SendAsync(message);
    }

    private static async Task<int> TotalTicketsAsync(HttpClient admin) => (await admin.GetFromJsonAsync<JsonObject>("/api/tickets?take=1"))!["total"]!.GetValue<int>();

    [Fact]
    public async Task CaseFlows_StartOnlyThroughTheirUseCase_GenericFlowsAsTheirStartPermissionSays()
    {
        var admin = await LoginAsync("admin@xinchuang.local", "Admin#2026xf");
        var before = await TotalTicketsAsync(admin);
        var unit = await LoginAsync("unit@xinchuang.local");
        var forged = new JsonObject { ["definitionId"] = "service-ticket", ["input"] = new JsonObject { ["request"] = NewRequest() } };
        forged["input"]!["request"]!["number"] = "GX-4502-20260101-99999";
        forged["input"]!["request"]!["createdBy"] = "someone-else@x";
        var refusals = factory.Logs.RefusalsOf("unit@xinchuang.local");
        Assert.Equal(HttpStatusCode.Forbidden, (await unit.PostAsJsonAsync("/api/workflow-instances", forged)).StatusCode);
        Assert.True(factory.Logs.RefusalsOf("unit@xinchuang.local") > refusals);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsJsonAsync("/api/workflow-instances", forged)).StatusCode);   // even the Data Bureau
        Assert.Equal(before, await TotalTicketsAsync(admin));

        var tech = await LoginAsync("tech@xinchuang.local");
        Assert.Equal(HttpStatusCode.Forbidden, (await tech.PostAsJsonAsync("/api/workflow-instances", new { definitionId = "demo-acceptance" })).StatusCode);
        var dispatcher = await LoginAsync("dispatcher@xinchuang.local");
        Assert.Equal(HttpStatusCode.Created, (await dispatcher.PostAsJsonAsync("/api/workflow-instances", new { definitionId = "demo-acceptance" })).StatusCode);
    }

    [Fact]
    public async Task AUnitCannotChooseAnIntegrator_TheContractDecides()
    {
        var unit = await LoginAsync("unit@xinchuang.local");
        var admin = await LoginAsync("admin@xinchuang.local", "Admin#2026xf");
        var enterprises = (await admin.GetFromJsonAsync<JsonArray>("/api/enterprises"))!;
        var created = (await (await PostAsync(unit, "/api/tickets", NewRequest("合同测试"))).Content.ReadFromJsonAsync<JsonObject>())!;
        var contracted = created["integratorId"]?.GetValue<string>();
        var other = enterprises.Select(e => e!["id"]!.GetValue<string>()).First(id => id != contracted);
        var before = await TotalTicketsAsync(admin);

        var request = NewRequest("指定集成商");
        request["integratorId"] = other;
        var refused = await PostAsync(unit, "/api/tickets", request);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("integratorId"));
        Assert.Equal(before, await TotalTicketsAsync(admin));
    }

    [Fact]
    public async Task TextIsStoredAsTyped()
    {
        var unit = await LoginAsync("unit@xinchuang.local");
        var response = await PostAsync(unit, "/api/tickets", NewRequest("温度 < 5 且 > 3 时黑屏", "请联系 <a@b.cn>，或回复邮件。\n第二行 & 第三段"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var number = (await response.Content.ReadFromJsonAsync<JsonObject>())!["number"]!.GetValue<string>();
        var stored = (await unit.GetFromJsonAsync<JsonObject>($"/api/tickets/{number}"))!["ticket"]!;
        Assert.Equal("温度 < 5 且 > 3 时黑屏", stored["title"]!.GetValue<string>());
        Assert.Equal("请联系 <a@b.cn>，或回复邮件。\n第二行 & 第三段", stored["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task ANumberOrAuthorSentByTheClient_IsNotTaken()
    {
        var unit = await LoginAsync("unit@xinchuang.local");
        var request = NewRequest("自选编号");
        request["number"] = "GX-4502-20200101-99999";
        request["createdBy"] = "someone-else@xinchuang.local";
        var created = (await (await PostAsync(unit, "/api/tickets", request)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.StartsWith("GX-4501-", created["number"]!.GetValue<string>());
        Assert.Equal("unit@xinchuang.local", created["createdBy"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("\u200B\u200B\u200B")]
    [InlineData("\u202E\u2066\u2069")]
    [InlineData("   ")]
    [InlineData("打印机\u202E卡纸")]
    public async Task TitlesWithoutVisibleTextOrWithDirectionOverrides_AreRefused(string title)
    {
        var unit = await LoginAsync("unit@xinchuang.local");
        var response = await PostAsync(unit, "/api/tickets", NewRequest(title));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("title"));
    }

    [Theory]
    [InlineData("", "请填写标题，且须包含可见文字。", "“toaster”不是可选的产品类别。")]
    [InlineData("?culture=en", "The title is required and must contain visible text.", "“toaster” is not a product category to choose.")]
    public async Task ARefusedRequest_SaysWhatIsWrong_InTheCallersLanguage_FieldByField(string culture, string title, string category)
    {
        var unit = await LoginAsync("unit@xinchuang.local");
        var request = NewRequest(" ");
        request["productCategory"] = "toaster";
        var response = await PostAsync(unit, "/api/tickets" + culture, request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(title, problem["errors"]!["title"]![0]!.GetValue<string>());
        Assert.Equal(category, problem["errors"]!["productCategory"]![0]!.GetValue<string>());
        Assert.Contains(title, problem["detail"]!.GetValue<string>());
        Assert.Equal("invalid", problem["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnIdempotencyKey_WithTheSameRequestReturnsTheTicket_WithAnotherRequestIs422()
    {
        var unit = await LoginAsync("unit@xinchuang.local");
        var admin = await LoginAsync("admin@xinchuang.local", "Admin#2026xf");
        var first = await PostAsync(unit, "/api/tickets", NewRequest("幂等测试"), "form-hostile-1");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var number = (await first.Content.ReadFromJsonAsync<JsonObject>())!["number"]!.GetValue<string>();
        var before = await TotalTicketsAsync(admin);

        var same = await PostAsync(unit, "/api/tickets", NewRequest("幂等测试"), "form-hostile-1");
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(number, (await same.Content.ReadFromJsonAsync<JsonObject>())!["number"]!.GetValue<string>());

        var other = await PostAsync(unit, "/api/tickets", NewRequest("另一个问题"), "form-hostile-1");
        Assert.Equal((HttpStatusCode)422, other.StatusCode);
        var problem = (await other.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("idempotency-key-reused", problem["code"]!.GetValue<string>());
        Assert.Contains(number, problem["detail"]!.GetValue<string>());
        Assert.Equal("该幂等键已用于另一个不同的请求，请为新请求使用新的键。", problem["title"]!.GetValue<string>());   // Chinese by default
        var english = new HttpRequestMessage(HttpMethod.Post, "/api/tickets?culture=en") { Content = JsonContent.Create(NewRequest("另一个问题")) };
        english.Headers.Add("Idempotency-Key", "form-hostile-1");
        var inEnglish = (await (await unit.SendAsync(english)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.StartsWith("This idempotency key was already used", inEnglish["title"]!.GetValue<string>());
        Assert.Equal(before, await TotalTicketsAsync(admin));

        var complaint = new JsonObject { ["description"] = "工程师未联系", ["category"] = "timeliness" };
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(unit, $"/api/tickets/{number}/complaints", complaint, "c-hostile")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(unit, $"/api/tickets/{number}/complaints", complaint, "c-hostile")).StatusCode);
        var changed = new JsonObject { ["description"] = "另一件事", ["category"] = "timeliness" };
        Assert.Equal((HttpStatusCode)422, (await PostAsync(unit, $"/api/tickets/{number}/complaints", changed, "c-hostile")).StatusCode);
    }

    [Fact]
    public async Task RulesWithAbsurdValuesOrAContradictingScope_AreRefused()
    {
        var admin = await LoginAsync("admin@xinchuang.local", "Admin#2026xf");
        var sla = (await admin.GetFromJsonAsync<JsonObject>("/api/rules/sla/region"))!["json"]!.GetValue<string>();
        var doc = JsonNode.Parse(sla, documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        doc["scope"] = "4501";
        doc["onSite"]!["sameCity"] = "PT99999H";
        var absurd = await admin.PutAsync("/api/rules/sla/4501?comment=test", new StringContent(doc.ToJsonString()));
        Assert.Equal(HttpStatusCode.BadRequest, absurd.StatusCode);
        Assert.Contains("30 天", await absurd.Content.ReadAsStringAsync());               // in the caller's language, a duration as one

        doc["onSite"]!["sameCity"] = "PT3H";
        doc["scope"] = "4502";
        var contradicting = await admin.PutAsync("/api/rules/sla/4501?comment=test", new StringContent(doc.ToJsonString()));
        Assert.Equal(HttpStatusCode.BadRequest, contradicting.StatusCode);
        Assert.Contains("柳州市", await contradicting.Content.ReadAsStringAsync());         // 4502, by its name

        doc["scope"] = "4501";
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/rules/sla/4501?comment=test", new StringContent(doc.ToJsonString()))).StatusCode);
    }

    [Theory]
    [InlineData("/api/tickets?take=0")]
    [InlineData("/api/tickets?take=500")]
    [InlineData("/api/tickets?skip=-1")]
    [InlineData("/api/tasks?take=1000")]
    [InlineData("/api/workflow-instances?take=0")]
    public async Task PagingOutOfRange_Is400_NamingTheParameter(string url)
    {
        var admin = await LoginAsync("admin@xinchuang.local", "Admin#2026xf");
        var response = await admin.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(url.Contains("skip") ? "skip" : "take"));
    }

    [Fact]
    public async Task Redirects_LeaveOnlyForThisSite_AndTheLoginFormNeedsItsAntiforgeryToken()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        foreach (var evil in new[] { "/\\evil.example", "//evil.example", "https://evil.example/", "/\\/evil.example" })
        {
            var culture = await client.GetAsync($"/culture/set?culture=en&redirectUri={Uri.EscapeDataString(evil)}");
            Assert.Equal(HttpStatusCode.Redirect, culture.StatusCode);
            Assert.Equal("/", culture.Headers.Location!.OriginalString);
        }

        var page = await client.GetStringAsync("/login");
        var input = Regex.Match(page, "<input[^>]*__RequestVerificationToken[^>]*>").Value;
        var token = Regex.Match(input, "value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        var noToken = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "unit@xinchuang.local", ["password"] = Demo, ["returnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);

        var login = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "unit@xinchuang.local", ["password"] = Demo, ["returnUrl"] = "//evil.example", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ALowRatingNeedsAComment_WhicheverWayTheFeedbackTaskIsCompleted()
    {
        var unit = await LoginAsync("unit@xinchuang.local");
        var admin = await LoginAsync("admin@xinchuang.local", "Admin#2026xf");
        var created = (await (await PostAsync(unit, "/api/tickets", NewRequest("评价规则测试"))).Content.ReadFromJsonAsync<JsonObject>())!;
        var number = created["number"]!.GetValue<string>();
        var instance = created["instanceId"]!.GetValue<string>();
        var technician = created["technicianUser"]?.GetValue<string>() ?? "tech@xinchuang.local";
        await FlowDriver.ToFeedbackAsync(admin, number, technician);

        var task = await FlowDriver.TaskAtAsync(unit, instance, "feedbackTask");
        Assert.Contains(task["outcomes"]!.AsArray(), o => o!["key"]!.GetValue<string>() == "submit" && o["name"]!.GetValue<string>() == "提交评价");
        var viaTasks = await unit.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new JsonObject
        {
            ["outcome"] = "submit", ["data"] = new JsonObject { ["satisfaction"] = "1" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, viaTasks.StatusCode);
        Assert.True((await viaTasks.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("comment"));
        var viaTicket = await PostAsync(unit, $"/api/tickets/{number}/feedback", new JsonObject { ["satisfaction"] = 1, ["comment"] = "\u200B" });
        Assert.Equal(HttpStatusCode.BadRequest, viaTicket.StatusCode);
        Assert.Equal("awaitingFeedback", (await unit.GetFromJsonAsync<JsonObject>($"/api/tickets/{number}"))!["ticket"]!["status"]!.GetValue<string>());

        var withComment = await PostAsync(unit, $"/api/tickets/{number}/feedback", new JsonObject { ["satisfaction"] = 1, ["comment"] = "问题没有解决" });
        Assert.Equal(HttpStatusCode.OK, withComment.StatusCode);
        Assert.Equal("reopened", (await withComment.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task TextWithAnUnpairedSurrogate_IsRefusedAsInvalid_NeverA500()
    {
        var admin = await LoginAsync("admin@xinchuang.local", "Admin#2026xf");
        var nanning = await LoginAsync("nanning@xinchuang.local");
        static StringContent Raw(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
        var calls = new (HttpClient Client, HttpMethod Method, string Url, string Body)[]
        {
            (nanning, HttpMethod.Put, "/api/rules/sla/4501?comment=x", """{"x":"\ud800"}"""),
            (nanning, HttpMethod.Post, "/api/rules/grading/4501/what-if", """{"rows":"\udc00"}"""),
            (admin, HttpMethod.Put, "/api/workflow-definitions/service-ticket/draft", """{"definition":{"x":"\ud800"},"comment":"x"}"""),
            (admin, HttpMethod.Post, "/api/workflow-definitions", """{"definitionId":"bad-text","name":"\ud800"}"""),
            (admin, HttpMethod.Post, "/api/tickets", """{"contactName":"\ud800","contactPhone":"0771-5550101","cityCode":"4501","countyCode":"450103","productCategory":"terminal","impact":"single","title":"坏文字\ud800","description":"x","procurementUnitId":null}"""),
        };
        foreach (var (client, method, url, body) in calls)
        {
            var response = await client.SendAsync(new HttpRequestMessage(method, url) { Content = Raw(body) });
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
