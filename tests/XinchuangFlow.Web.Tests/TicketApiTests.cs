using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace XinchuangFlow.Web.Tests;

/// <summary>The ticket API on the real app: intake with validation and idempotency, scope, actions, complaints, rules.</summary>
public class TicketApiTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    private Task<HttpClient> LoginAsync(string email, string password = "Demo#2026xf") => factory.LoginAsync(email, password);

    private static JsonObject NewRequest(string title = "统信UOS终端无法开机", string county = "450103") => new()
    {
        ["channel"] = "portal", ["contactName"] = "陆工", ["contactPhone"] = "0771-5550101",
        ["cityCode"] = county[..4], ["countyCode"] = county, ["productCategory"] = "terminal", ["impact"] = "single",
        ["title"] = title, ["description"] = "开机后黑屏，无法登录系统。",
    };

    private static async Task<HttpResponseMessage> PostAsync(HttpClient api, string url, JsonNode body, string? key = null)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (key is not null) message.Headers.Add("Idempotency-Key", key);
        return await api.SendAsync(message);
    }

    [Fact]
    public async Task UnitCreatesATicket_RepeatedSubmissionReturnsTheSame_TextIsKeptAsTyped_BadLocationIsRefused()
    {
        var unit = await LoginAsync("unit@xinchuang.local");
        var first = await PostAsync(unit, "/api/tickets", NewRequest("<img src=x onerror=alert(1)>打印机<b>卡纸</b>"), "form-7");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var ticket = (await first.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Matches(@"^GX-4501-\d{8}-\d{5}$", ticket["number"]!.GetValue<string>());
        // Stored as typed (SEC-6); every page encodes it on output, so the markup is shown, never run.
        Assert.Equal("<img src=x onerror=alert(1)>打印机<b>卡纸</b>", ticket["title"]!.GetValue<string>());
        Assert.Equal("南宁市财政局", ticket["procurementUnit"]!.GetValue<string>());
        Assert.NotNull(ticket["grade"]);
        Assert.Equal(3, ticket["clocks"]!.AsArray().Count);

        var again = await PostAsync(unit, "/api/tickets", NewRequest("<img src=x onerror=alert(1)>打印机<b>卡纸</b>"), "form-7");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(ticket["number"]!.GetValue<string>(), (await again.Content.ReadFromJsonAsync<JsonObject>())!["number"]!.GetValue<string>());

        var wrong = NewRequest();
        wrong["countyCode"] = "450203";            // a Liuzhou county under Nanning
        wrong["productCategory"] = "toaster";
        var refused = await PostAsync(unit, "/api/tickets", wrong);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.False(errors.ContainsKey("countyCode"));   // a unit's ticket is at the unit's own place, whatever it sends
        Assert.True(errors.ContainsKey("productCategory"));
        // A desk names the place: there a county of another city is refused.
        wrong["procurementUnit"] = "南宁市财政局";
        wrong.Remove("channel");                   // a desk records hotline requests, not portal ones
        var fromDesk = await PostAsync(await LoginAsync("dispatcher@xinchuang.local"), "/api/tickets", wrong);
        Assert.Equal(HttpStatusCode.BadRequest, fromDesk.StatusCode);
        Assert.True((await fromDesk.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("countyCode"));

        var tech = await LoginAsync("tech@xinchuang.local");
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(tech, "/api/tickets", NewRequest())).StatusCode);
    }

    [Fact]
    public async Task TicketsAreScoped_OutOfScopeIsNotFound()
    {
        var unit = await LoginAsync("unit@xinchuang.local");
        var created = (await (await PostAsync(unit, "/api/tickets", NewRequest("范围测试"))).Content.ReadFromJsonAsync<JsonObject>())!;
        var number = created["number"]!.GetValue<string>();

        var admin = await LoginAsync("admin@xinchuang.local", "Admin#2026xf");
        var all = (await admin.GetFromJsonAsync<JsonObject>("/api/tickets?take=200"))!;
        Assert.True(all["total"]!.GetValue<int>() > 12);   // the demo tickets and ours

        var mine = (await unit.GetFromJsonAsync<JsonObject>("/api/tickets?take=200"))!["items"]!.AsArray();
        Assert.NotEmpty(mine);
        Assert.All(mine, t => Assert.Equal("南宁市财政局", t!["procurementUnit"]!.GetValue<string>()));

        var nanning = await LoginAsync("nanning@xinchuang.local");
        Assert.Equal(HttpStatusCode.OK, (await nanning.GetAsync($"/api/tickets/{number}")).StatusCode);
        var coordinatorList = (await nanning.GetFromJsonAsync<JsonObject>("/api/tickets?take=200"))!["items"]!.AsArray();
        Assert.NotEmpty(coordinatorList);
        Assert.All(coordinatorList, t => Assert.Equal("4501", t!["cityCode"]!.GetValue<string>()));

        var vendor = await LoginAsync("vendor@xinchuang.local");
        Assert.Equal(HttpStatusCode.NotFound, (await vendor.GetAsync($"/api/tickets/{number}")).StatusCode);
        var detail = (await admin.GetFromJsonAsync<JsonObject>($"/api/tickets/{number}"))!;
        Assert.Contains(detail["history"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "submitted");
        Assert.NotNull(detail["ticket"]!["dispatchExplanation"]);
    }

    [Fact]
    public async Task ActionsCheckWhoMayDoThem_FeedbackValidates_ComplaintIsFiled()
    {
        var unit = await LoginAsync("unit@xinchuang.local");
        var created = (await (await PostAsync(unit, "/api/tickets", NewRequest("动作测试"))).Content.ReadFromJsonAsync<JsonObject>())!;
        var number = created["number"]!.GetValue<string>();

        // Only the dispatched technician checks in: the unit is refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(unit, $"/api/tickets/{number}/check-in", new JsonObject { ["location"] = "机房" })).StatusCode);
        // Feedback before the ticket is resolved: no feedback step is waiting (the rule on low ratings is tested where it is).
        var noFeedbackYet = await PostAsync(unit, $"/api/tickets/{number}/feedback", new JsonObject { ["satisfaction"] = 5 });
        Assert.Equal(HttpStatusCode.Conflict, noFeedbackYet.StatusCode);

        var complaint = await PostAsync(unit, $"/api/tickets/{number}/complaints", new JsonObject { ["description"] = "工程师迟迟未联系", ["category"] = "timeliness" }, "c-1");
        Assert.Equal(HttpStatusCode.Created, complaint.StatusCode);
        var filed = (await complaint.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("handling", filed["status"]!.GetValue<string>());
        var repeat = await PostAsync(unit, $"/api/tickets/{number}/complaints", new JsonObject { ["description"] = "工程师迟迟未联系", ["category"] = "timeliness" }, "c-1");
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        var view = (await unit.GetFromJsonAsync<JsonObject>($"/api/complaints/{filed["id"]!.GetValue<string>()}"))!;
        Assert.Equal("EnterpriseManager", view["openTasks"]!.AsArray().Single()!["assigneeRole"]!.GetValue<string>());

        var admin = await LoginAsync("admin@xinchuang.local", "Admin#2026xf");
        var redispatch = await PostAsync(admin, $"/api/tickets/{number}/redispatch", new JsonObject { ["technicianUser"] = "nobody@x", ["reason"] = "测试" });
        Assert.Equal(HttpStatusCode.BadRequest, redispatch.StatusCode);
    }

    [Fact]
    public async Task RulesAreValidatedAndOnlyTheBureauOrTheCitysCoordinatorEditsThem()
    {
        var admin = await LoginAsync("admin@xinchuang.local", "Admin#2026xf");
        var list = (await admin.GetFromJsonAsync<JsonArray>("/api/rules"))!;
        Assert.Equal(["assessment", "dispatch", "escalation", "grading", "sla"], list.Select(r => r!["kind"]!.GetValue<string>()).Order().ToArray());

        var bad = await admin.PutAsync("/api/rules/sla/region?comment=test", new StringContent("""{"response":{"P1":"soon"}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badBody = (await bad.Content.ReadFromJsonAsync<JsonObject>())!;
        // In the caller's language, at the field as the page labels it, never the ISO text: "“P1 响应”的值“soon”不是时长。"
        Assert.Contains("P1 响应", badBody["errors"]!["response.P1"]![0]!.GetValue<string>());
        Assert.Contains("不是时长", badBody["errors"]!["response.P1"]![0]!.GetValue<string>());

        var nanning = await LoginAsync("nanning@xinchuang.local");
        Assert.Equal(HttpStatusCode.NotFound, (await nanning.PutAsync("/api/rules/sla/4502?comment=x", new StringContent("{}"))).StatusCode);   // another city's rules do not exist for them
        var own = """{"response":{"P1":"PT20M","P2":"PT1H","P3":"PT2H","P4":"PT4H"},"resolution":{"P1":"PT8H","P2":"PT24H","P3":"PT48H","P4":"PT72H"},"onSite":{"sameCity":"PT3H","otherCity":"PT12H"}}""";
        var saved = await nanning.PutAsync("/api/rules/sla/4501?comment=%E5%8D%97%E5%AE%81%E5%8A%A0%E5%BF%AB", new StringContent(own));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(1, (await saved.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>());
        var noComment = await nanning.PutAsync("/api/rules/sla/4501", new StringContent(own));
        Assert.Equal(HttpStatusCode.BadRequest, noComment.StatusCode);
        Assert.Contains("comment", await noComment.Content.ReadAsStringAsync());

        // Only what differs from the region counts as an override; one is taken away with one call; the history says who and why.
        var effective = (await nanning.GetFromJsonAsync<JsonObject>("/api/rules/sla/4501/effective"))!;
        Assert.Equal(["onSite.sameCity", "response.P1"], effective["differences"]!.AsArray().Select(d => d!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray());
        var removed = await nanning.DeleteAsync("/api/rules/sla/4501/overrides/response.P1?comment=%E6%81%A2%E5%A4%8D");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        effective = (await nanning.GetFromJsonAsync<JsonObject>("/api/rules/sla/4501/effective"))!;
        Assert.Equal(["onSite.sameCity"], effective["differences"]!.AsArray().Select(d => d!.GetValue<string>()).ToArray());
        var history = (await nanning.GetFromJsonAsync<JsonArray>("/api/rules/sla/4501/history"))!;
        Assert.Equal([2, 1], history.Select(h => h!["version"]!.GetValue<int>()).ToArray());
        Assert.Equal("nanning@xinchuang.local", history[0]!["user"]!.GetValue<string>());
        var back = await nanning.PostAsJsonAsync("/api/rules/sla/4501/rollback", new JsonObject { ["toVersion"] = 1, ["comment"] = "还是要快" });
        Assert.Equal(3, (await back.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task WhatIf_ComparesTheRulesInForceWithAProposal_OnTheCitysTickets_AndRefusesALooserOne()
    {
        var nanning = await LoginAsync("nanning@xinchuang.local");
        var versions = (await nanning.GetFromJsonAsync<JsonArray>("/api/rules/sla/4501/history"))!.Count;
        var period = $"from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-200).ToString("O"))}&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(1).ToString("O"))}";
        var response = await nanning.PostAsync($"/api/rules/sla/4501/what-if?{period}", new StringContent("""{ "onSite": { "sameCity": "PT1H" } }"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var tickets = (await nanning.GetFromJsonAsync<JsonObject>("/api/tickets?take=200"))!["items"]!.AsArray()
            .Where(t => t!["cityCode"]!.GetValue<string>() == "4501").ToList();
        Assert.Equal(tickets.Count, result["tickets"]!.GetValue<int>());
        static int OnTime(JsonObject side, string clock) => side["clocks"]!.AsArray().Single(c => c!["clock"]!.GetValue<string>() == clock)!["onTime"]!.GetValue<int>();
        // A tighter on-site target can only make fewer visits on time; response and resolution do not move.
        Assert.True(OnTime(result["proposed"]!.AsObject(), "onsite") <= OnTime(result["current"]!.AsObject(), "onsite"));
        Assert.Equal(OnTime(result["current"]!.AsObject(), "response"), OnTime(result["proposed"]!.AsObject(), "response"));
        foreach (var changed in result["changed"]!.AsArray())
        {
            Assert.Equal("4501", changed!["cityCode"]!.GetValue<string>());
            var onSite = changed["proposed"]!["clocks"]!.AsArray().Single(c => c!["clock"]!.GetValue<string>() == "onsite")!;
            Assert.Equal("01:00:00", onSite["target"]!.GetValue<string>());
        }
        // Nothing saved.
        Assert.Equal(versions, (await nanning.GetFromJsonAsync<JsonArray>("/api/rules/sla/4501/history"))!.Count);

        var looser = await nanning.PostAsync("/api/rules/sla/4501/what-if", new StringContent("""{ "onSite": { "sameCity": "PT6H" } }"""));
        Assert.Equal(HttpStatusCode.BadRequest, looser.StatusCode);
        Assert.Contains("数据局允许的最大值为 4 小时", await looser.Content.ReadAsStringAsync());
    }
}
