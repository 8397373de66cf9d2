using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace XinchuangFlow.Web.Tests;

/// <summary>
/// Issue 22's use of knowledge (KB-1, KB-2) over the API: suggestions while a ticket is written and in the intake's
/// answer (a unit's only what is marked for users), a resolution citing articles (counted, shown on the ticket, an
/// unknown number refused with nothing recorded), similar resolved tickets, "useful?" votes, the reviewers' insights
/// with a platform taken out of service, and files on an article.
/// </summary>
public class KnowledgeUseApiTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    private const string Demo = "Demo#2026xf";
    private Task<HttpClient> LoginAsync(string email, string password = Demo) => factory.LoginAsync(email, password);
    private Task<HttpClient> AdminAsync() => factory.LoginAsync("admin@xinchuang.local", "Admin#2026xf");

    private static string Q(string s) => Uri.EscapeDataString(s);

    private static async Task<JsonObject> OkAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>
    /// A suggested article's snippet reads as text: an author's Markdown (the TongWeb article's symptom marks its log lines
    /// as code) shows without its marks — no back-ticks, no asterisks — with the matched words still marked.
    /// </summary>
    [Fact]
    public async Task ASuggestedSnippet_IsPlainText_NotMarkdown()
    {
        var tech = await LoginAsync("tech@xinchuang.local");
        var text = $"title={Q("TongWeb 应用内存溢出 OutOfMemoryError")}&description={Q("server.log 报 Java heap space 或 Metaspace，重启后恢复")}";
        var articles = (await OkAsync(await tech.GetAsync("/api/knowledge/suggestions?" + text)))["articles"]!.AsArray();
        var tongWeb = articles.First(a => System.Text.RegularExpressions.Regex.Replace(a!["titleHtml"]!.GetValue<string>(), "<[^>]+>", "").Contains("OutOfMemoryError"))!;
        var snippet = tongWeb["fragmentHtml"]!.GetValue<string>();
        Assert.Contains("<mark>", snippet);
        Assert.Contains("heap", snippet, StringComparison.OrdinalIgnoreCase);
        foreach (var a in articles)
            if (a!["fragmentHtml"]?.GetValue<string>() is { } fragment)
            {
                Assert.DoesNotContain("`", fragment);
                Assert.DoesNotContain("**", fragment);
            }
    }

    [Fact]
    public async Task WhileATicketIsWritten_ArticlesAreSuggested_AUnitOnlyThoseMarkedForUsers_AndTheIntakeAnswerCarriesThem()
    {
        var admin = await AdminAsync();
        var tech = await LoginAsync("tech@xinchuang.local");
        var unit = await LoginAsync("unit@xinchuang.local");
        var text = $"title={Q("银河麒麟V10 打印机驱动安装失败")}&description={Q("新采购的打印机在麒麟系统上装不上驱动")}&os={Q("银河麒麟V10")}";

        var forStaff = await OkAsync(await tech.GetAsync("/api/knowledge/suggestions?" + text));
        var staffArticles = forStaff["articles"]!.AsArray();
        Assert.NotEmpty(staffArticles);
        Assert.True(staffArticles.Count <= 5);
        Assert.Contains("<mark>", staffArticles[0]!["titleHtml"]!.GetValue<string>());
        Assert.Contains("打印", staffArticles[0]!["titleHtml"]!.GetValue<string>());

        var forUnit = (await OkAsync(await unit.GetAsync("/api/knowledge/suggestions?" + text)))["articles"]!.AsArray();
        Assert.NotEmpty(forUnit);
        foreach (var a in forUnit)
        {
            var article = await OkAsync(await admin.GetAsync($"/api/knowledge/articles/{a!["number"]}"));
            Assert.True(article["forUsers"]!.GetValue<bool>(), $"{a["number"]} is suggested to a unit but not marked for users");
        }
        Assert.Empty((await OkAsync(await unit.GetAsync("/api/knowledge/suggestions?" + text)))["tickets"]!.AsArray());   // other units' tickets are theirs

        // Too little to search: nothing, not an error. Far too much: read up to the limit, never a 500.
        Assert.Empty((await OkAsync(await tech.GetAsync("/api/knowledge/suggestions?title=%3F")))["articles"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, (await tech.GetAsync("/api/knowledge/suggestions?description=" + Q(string.Concat(Enumerable.Repeat("打印机黑屏 ", 3000))))).StatusCode);

        // The intake's answer suggests too.
        var created = await OkAsync(await unit.PostAsJsonAsync("/api/tickets", new JsonObject
        {
            ["contactName"] = "黄科长", ["contactPhone"] = "0771-5550123", ["productCategory"] = "peripheral", ["impact"] = "single",
            ["title"] = "打印机驱动安装失败", ["description"] = "银河麒麟V10 系统安装打印机驱动提示依赖错误", ["os"] = "银河麒麟V10",
        }));
        var answered = created["suggestions"]!["articles"]!.AsArray();
        Assert.NotEmpty(answered);
        // The same articles as while writing, titles marked; without the fragment search (a third of an intake's CPU)
        // each snippet is the start of the article's symptom, unmarked.
        var whileWriting = (await OkAsync(await unit.GetAsync($"/api/knowledge/suggestions?title={Q("打印机驱动安装失败")}&description={Q("银河麒麟V10 系统安装打印机驱动提示依赖错误")}&os={Q("银河麒麟V10")}")))["articles"]!.AsArray();
        Assert.Equal(whileWriting.Select(a => a!["number"]!.GetValue<string>()), answered.Select(a => a!["number"]!.GetValue<string>()));
        Assert.Contains(answered, a => a!["titleHtml"]!.GetValue<string>().Contains("<mark>"));
        Assert.Contains(whileWriting, a => a!["fragmentHtml"]?.GetValue<string>().Contains("<mark>") == true);
        Assert.All(answered, a => Assert.DoesNotContain("<mark>", a!["fragmentHtml"]?.GetValue<string>() ?? ""));

        // A platform that wants the ticket alone says so (RFC 7240): the ticket is recorded all the same, its answer has
        // no suggestions and says the preference was applied; the same key again without it answers the same ticket, suggested.
        var key = "minimal-" + Guid.NewGuid().ToString("N");
        var ticketBody = new JsonObject
        {
            ["contactName"] = "黄科长", ["contactPhone"] = "0771-5550123", ["productCategory"] = "peripheral", ["impact"] = "single",
            ["title"] = "打印机驱动安装失败", ["description"] = "银河麒麟V10 再次提示依赖错误", ["os"] = "银河麒麟V10",
        };
        using var minimalRequest = new HttpRequestMessage(HttpMethod.Post, "/api/tickets") { Content = JsonContent.Create(ticketBody) };
        minimalRequest.Headers.Add("Idempotency-Key", key);
        minimalRequest.Headers.TryAddWithoutValidation("Prefer", "respond-async, return=minimal");
        using var minimalAnswer = await unit.SendAsync(minimalRequest);
        Assert.Equal(HttpStatusCode.Created, minimalAnswer.StatusCode);
        Assert.Equal("return=minimal", Assert.Single(minimalAnswer.Headers.GetValues("Preference-Applied")));
        var minimalTicket = (await minimalAnswer.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.StartsWith("GX-", minimalTicket["number"]!.GetValue<string>());
        Assert.Null(minimalTicket["suggestions"]);
        using var again = new HttpRequestMessage(HttpMethod.Post, "/api/tickets") { Content = JsonContent.Create(ticketBody) };
        again.Headers.Add("Idempotency-Key", key);
        using var againAnswer = await unit.SendAsync(again);
        Assert.Equal(HttpStatusCode.OK, againAnswer.StatusCode);
        Assert.False(againAnswer.Headers.Contains("Preference-Applied"));
        var againTicket = (await againAnswer.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(minimalTicket["number"]!.GetValue<string>(), againTicket["number"]!.GetValue<string>());
        Assert.NotEmpty(againTicket["suggestions"]!["articles"]!.AsArray());
    }

    [Fact]
    public async Task AResolutionCitesArticles_TheyAreCountedAndShownOnTheTicket_AndTheTicketIsFoundAsSimilar()
    {
        var admin = await AdminAsync();
        var dispatcher = await LoginAsync("dispatcher@xinchuang.local");
        var hit = (await OkAsync(await admin.GetAsync("/api/knowledge/search?q=" + Q("打印机") + "&take=1")))["hits"]!.AsArray()[0]!;
        var number = (await OkAsync(await admin.GetAsync($"/api/knowledge/articles/{hit["id"]}")))["number"]!.GetValue<string>();
        var solvedBefore = (await OkAsync(await admin.GetAsync($"/api/knowledge/articles/{number}/usage")))["solved"]!.GetValue<int>();

        var unit = await LoginAsync("unit@xinchuang.local");
        var ticket = await OkAsync(await unit.PostAsJsonAsync("/api/tickets", new JsonObject
        {
            ["contactName"] = "韦工", ["contactPhone"] = "0771-5550188", ["productCategory"] = "terminal",
            ["impact"] = "single", ["title"] = "激光打印机卡纸后报错 E302", ["description"] = "取出卡纸后仍提示 E302 错误，无法继续打印",
        }));
        var ticketNumber = ticket["number"]!.GetValue<string>();
        var instance = ticket["instanceId"]!.GetValue<string>();
        // The demo technician serves it (dispatched by hand when the planner chose another or nobody).
        var open = await FlowDriver.OpenTasksAsync(admin, instance);
        if (open.Any(t => t!["activityId"]!.GetValue<string>() == "manualDispatch"))
            await FlowDriver.CompleteAsync(admin, instance, "manualDispatch", "dispatch", new JsonObject { ["technicianUser"] = "tech@xinchuang.local", ["reason"] = "测试派单" });
        else if ((await OkAsync(await admin.GetAsync($"/api/tickets/{ticketNumber}")))["ticket"]!["technicianUser"]?.GetValue<string>() != "tech@xinchuang.local")
            await OkAsync(await admin.PostAsJsonAsync($"/api/tickets/{ticketNumber}/redispatch", new JsonObject { ["technicianUser"] = "tech@xinchuang.local", ["reason"] = "测试派单" }));
        var tech = await LoginAsync("tech@xinchuang.local");
        await OkAsync(await tech.PostAsJsonAsync($"/api/tickets/{ticketNumber}/accept", new JsonObject()));
        await OkAsync(await tech.PostAsJsonAsync($"/api/tickets/{ticketNumber}/check-in", new JsonObject { ["remote"] = true }));

        // An unknown number is refused with the number, and nothing is recorded.
        var unknown = await tech.PostAsJsonAsync($"/api/tickets/{ticketNumber}/resolve",
            new JsonObject { ["resolution"] = "清理定影组件后恢复", ["citedArticles"] = new JsonArray(number, "KB-999999") });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var refusal = (await unknown.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("KB-999999", refusal["errors"]!["citedArticles"]![0]!.GetValue<string>());
        Assert.NotEqual("awaitingFeedback", (await OkAsync(await admin.GetAsync($"/api/tickets/{ticketNumber}")))["ticket"]!["status"]!.GetValue<string>());

        var resolved = await OkAsync(await tech.PostAsJsonAsync($"/api/tickets/{ticketNumber}/resolve",
            new JsonObject { ["resolution"] = "清理定影组件残留纸屑后 E302 消失，打印恢复", ["citedArticles"] = new JsonArray(number.ToLowerInvariant()) }));
        Assert.Equal(number, resolved["citedArticles"]!.GetValue<string>());
        Assert.Equal(solvedBefore + 1, (await OkAsync(await admin.GetAsync($"/api/knowledge/articles/{number}/usage")))["solved"]!.GetValue<int>());
        // Resolving again (a repeated request) counts nothing twice.
        await OkAsync(await tech.PostAsJsonAsync($"/api/tickets/{ticketNumber}/resolve",
            new JsonObject { ["resolution"] = "清理定影组件残留纸屑后 E302 消失，打印恢复", ["citedArticles"] = new JsonArray(number) }));
        Assert.Equal(solvedBefore + 1, (await OkAsync(await admin.GetAsync($"/api/knowledge/articles/{number}/usage")))["solved"]!.GetValue<int>());

        // The next ticket like it finds this one among the similar resolved tickets, with what fixed it.
        var similar = (await OkAsync(await dispatcher.GetAsync($"/api/knowledge/suggestions?title={Q("打印机报错 E302")}&description={Q("卡纸取出后仍报 E302")}")))["tickets"]!.AsArray();
        var found = similar.FirstOrDefault(t => t!["number"]!.GetValue<string>() == ticketNumber);
        Assert.True(found is not null, similar.ToJsonString());
        Assert.Contains("定影组件", found!["resolution"]!.GetValue<string>());
        Assert.True(found["mayOpen"]!.GetValue<bool>());
        // The reviewers' most used list counts it.
        var insights = await OkAsync(await admin.GetAsync("/api/knowledge/insights"));
        Assert.Contains(insights["mostUsed"]!.AsArray(), a => a!["number"]!.GetValue<string>() == number);
    }

    [Fact]
    public async Task ReadersAnswerUseful_OnceEach_AndTheReviewersSeeOutdatedArticlesOfAPlatformOutOfService()
    {
        var admin = await AdminAsync();
        var tech = await LoginAsync("tech@xinchuang.local");
        var vendor = await LoginAsync("vendor@xinchuang.local");
        var supervisor = await LoginAsync("supervisor@xinchuang.local");
        var hit = (await OkAsync(await admin.GetAsync("/api/knowledge/search?q=" + Q("黑屏") + "&take=1")))["hits"]!.AsArray()[0]!;
        var number = (await OkAsync(await admin.GetAsync($"/api/knowledge/articles/{hit["id"]}")))["number"]!.GetValue<string>();

        var first = await OkAsync(await tech.PostAsJsonAsync($"/api/knowledge/articles/{number}/vote", new { useful = false }));
        Assert.False(first["mine"]!.GetValue<bool>());
        var changed = await OkAsync(await tech.PostAsJsonAsync($"/api/knowledge/articles/{number}/vote", new { useful = true }));
        Assert.Equal(first["useful"]!.GetValue<int>() + 1, changed["useful"]!.GetValue<int>());
        Assert.Equal(first["notUseful"]!.GetValue<int>() - 1, changed["notUseful"]!.GetValue<int>());
        var other = await OkAsync(await vendor.PostAsJsonAsync($"/api/knowledge/articles/{number}/vote", new { useful = true }));
        Assert.Equal(changed["useful"]!.GetValue<int>() + 1, other["useful"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsJsonAsync($"/api/knowledge/articles/{number}/vote", new { useful = true })).StatusCode);

        // A platform out of service: the articles that apply to it are outdated; in service again, they are not.
        Assert.Equal(HttpStatusCode.Forbidden, (await tech.GetAsync("/api/knowledge/insights")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tech.PutAsJsonAsync("/api/knowledge/retired-platforms", new { tag = "os:银河麒麟V10", retired = true })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync("/api/knowledge/retired-platforms", new { tag = "麒麟", retired = true })).StatusCode);
        static IEnumerable<JsonNode?> Of(JsonObject insights, string tag) => insights["outdated"]!.AsArray().Where(a => a!["tag"]?.GetValue<string>() == tag);
        Assert.Empty(Of(await OkAsync(await admin.GetAsync("/api/knowledge/insights")), "os:银河麒麟V10"));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync("/api/knowledge/retired-platforms", new { tag = "OS: 银河麒麟V10 ", retired = true })).StatusCode);
        var insights = await OkAsync(await admin.GetAsync("/api/knowledge/insights"));
        Assert.Contains(insights["retiredPlatforms"]!.AsArray(), p => p!["tag"]!.GetValue<string>() == "os:银河麒麟V10");
        var outdated = Of(insights, "os:银河麒麟V10").ToList();
        Assert.NotEmpty(outdated);
        foreach (var a in outdated)
        {
            var tags = (await OkAsync(await admin.GetAsync($"/api/knowledge/articles/{a!["number"]}")))["tags"]!.AsArray().Select(t => t!.GetValue<string>());
            Assert.Contains("os:银河麒麟V10", tags);
        }
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync("/api/knowledge/retired-platforms", new { tag = "os:银河麒麟V10", retired = false })).StatusCode);
        Assert.Empty(Of(await OkAsync(await admin.GetAsync("/api/knowledge/insights")), "os:银河麒麟V10"));
        // The demo's own platform out of service (Kylin V4) stays.
        Assert.Contains((await OkAsync(await admin.GetAsync("/api/knowledge/insights")))["outdated"]!.AsArray(), a => a!["tag"]!.GetValue<string>() == "os:银河麒麟V4");
    }

    [Fact]
    public async Task AnAuthorAttachesFilesToTheirArticle_CheckedByContent_AndOnlyItsReadersGetThem()
    {
        var tech = await LoginAsync("tech@xinchuang.local");
        var vendor = await LoginAsync("vendor@xinchuang.local");
        var draft = await OkAsync(await tech.PostAsJsonAsync("/api/knowledge/articles", new JsonObject
        {
            ["kind"] = "guide", ["title"] = "统信UOS 20 安装扫描仪驱动", ["steps"] = "1. 见截图", ["tags"] = new JsonArray("os:统信UOS 20"),
        }));
        var number = draft["number"]!.GetValue<string>();
        async Task<HttpResponseMessage> UploadAsync(HttpClient who, string name, byte[] bytes)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/knowledge/articles/{number}/files") { Content = new ByteArrayContent(bytes) };
            request.Headers.Add("X-File-Name", Uri.EscapeDataString(name));
            return await who.SendAsync(request);
        }
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        var image = await OkAsync(await UploadAsync(tech, "截图.png", png));
        Assert.Equal("image/png", image["contentType"]!.GetValue<string>());
        var svg = await UploadAsync(tech, "x.svg", "<svg onload=alert(1)></svg>"u8.ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, svg.StatusCode);
        Assert.Single((await tech.GetFromJsonAsync<JsonArray>($"/api/knowledge/articles/{number}/files"))!);
        var file = await tech.GetAsync($"/api/knowledge/articles/{number}/files/{image["id"]}");
        Assert.Equal("image/png", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal(png, await file.Content.ReadAsByteArrayAsync());
        // Another enterprise: the draft and its file do not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await vendor.GetAsync($"/api/knowledge/articles/{number}/files/{image["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(vendor, "y.png", png)).StatusCode);
    }

    [Fact]
    public async Task TheDataBureauRetiresAnArticle_WithAReason_AndReadersNoLongerFindIt()
    {
        var admin = await AdminAsync();
        var tech = await LoginAsync("tech@xinchuang.local");
        var vendor = await LoginAsync("vendor@xinchuang.local");
        var title = $"中科方德 蓝牙鼠标 BT{Random.Shared.Next(1000, 9999)} 断连";
        var number = (await OkAsync(await tech.PostAsJsonAsync("/api/knowledge/articles", new JsonObject
        {
            ["kind"] = "common", ["title"] = title, ["steps"] = "1. 关闭蓝牙节能", ["tags"] = new JsonArray("os:中科方德"),
        })))["number"]!.GetValue<string>();
        await OkAsync(await tech.PostAsync($"/api/knowledge/articles/{number}/submit", null));
        await OkAsync(await admin.PostAsJsonAsync($"/api/knowledge/articles/{number}/review", new { decision = "approve" }));
        async Task<bool> FoundAsync() => (await OkAsync(await vendor.GetAsync("/api/knowledge/search?q=" + Q(title))))["hits"]!.AsArray()
            .Any(h => h!["title"]!.GetValue<string>().Replace("<mark>", "").Replace("</mark>", "") == title);
        Assert.True(await FoundAsync());

        Assert.Equal(HttpStatusCode.Forbidden, (await tech.PostAsJsonAsync($"/api/knowledge/articles/{number}/retire", new { reason = "过时" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync($"/api/knowledge/articles/{number}/retire", new { reason = " " })).StatusCode);
        Assert.True(await FoundAsync());   // a refused retirement changes nothing
        Assert.Equal("retired", (await OkAsync(await admin.PostAsJsonAsync($"/api/knowledge/articles/{number}/retire", new { reason = "该型号已停产" })))["status"]!.GetValue<string>());
        Assert.False(await FoundAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await vendor.GetAsync($"/api/knowledge/articles/{number}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/knowledge/articles/{number}/retire", new { reason = "再次" })).StatusCode);

        // The reviewers see it among the retired, with why; a retirement by mistake is undone, and readers find it again.
        var retired = (await OkAsync(await admin.GetAsync("/api/knowledge/insights")))["retired"]!.AsArray();
        Assert.Contains(retired, r => r!["number"]!.GetValue<string>() == number && r["reason"]!.GetValue<string>() == "该型号已停产"
                                      && r["by"]!.GetValue<string>() == "admin@xinchuang.local");
        Assert.Equal(HttpStatusCode.Forbidden, (await tech.PostAsync($"/api/knowledge/articles/{number}/restore", null)).StatusCode);
        Assert.Equal("published", (await OkAsync(await admin.PostAsync($"/api/knowledge/articles/{number}/restore", null)))["status"]!.GetValue<string>());
        Assert.True(await FoundAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/knowledge/articles/{number}/restore", null)).StatusCode);
        Assert.DoesNotContain((await OkAsync(await admin.GetAsync("/api/knowledge/insights")))["retired"]!.AsArray(), r => r!["number"]!.GetValue<string>() == number);
    }

    [Fact]
    public async Task TheListIsPaged_EveryArticleOnExactlyOnePage()
    {
        var admin = await AdminAsync();
        var first = await OkAsync(await admin.GetAsync("/api/knowledge/search?take=20"));
        var total = first["total"]!.GetValue<int>();
        Assert.True(total > 20, $"the demo has more than one page ({total})");
        var ids = new List<string>();
        for (var skip = 0; skip < total; skip += 20)
            ids.AddRange((await OkAsync(await admin.GetAsync($"/api/knowledge/search?take=20&skip={skip}")))["hits"]!.AsArray().Select(h => h!["id"]!.GetValue<string>()));
        Assert.Equal(total, ids.Count);
        Assert.Equal(total, ids.Distinct().Count());
        Assert.Empty((await OkAsync(await admin.GetAsync($"/api/knowledge/search?take=20&skip={total}")))["hits"]!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/knowledge/search?skip=-1")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/knowledge/search?skip=1001")).StatusCode);
    }
}
