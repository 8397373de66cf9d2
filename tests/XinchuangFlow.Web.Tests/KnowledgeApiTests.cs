using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace XinchuangFlow.Web.Tests;

/// <summary>
/// Issue 22's API (KB-1): a technician writes and submits an article, the Data Bureau returns it with a comment, it is
/// changed and submitted again, approved and published; drafts stay their enterprise's, refusals are in the caller's language.
/// </summary>
public class KnowledgeApiTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    private Task<HttpClient> LoginAsync(string email, string password = "Demo#2026xf") => factory.LoginAsync(email, password);

    private static JsonObject Article(string steps) => new()
    {
        ["kind"] = "common", ["title"] = "银河麒麟V10 打印机驱动安装失败", ["symptom"] = "安装奔图驱动时提示依赖错误",
        ["cause"] = "缺少 cups 依赖", ["steps"] = steps, ["tags"] = new JsonArray("os:银河麒麟V10", "category:peripheral", "brand:奔图"), ["forUsers"] = false,
    };

    [Fact]
    public async Task Written_Returned_Changed_Approved_Published_AndDraftsStayTheirEnterprises()
    {
        var tech = await LoginAsync("tech@xinchuang.local");
        var admin = await LoginAsync("admin@xinchuang.local", "Admin#2026xf");
        var vendor = await LoginAsync("vendor@xinchuang.local");
        var unit = await LoginAsync("unit@xinchuang.local");
        var supervisor = await LoginAsync("supervisor@xinchuang.local");

        var created = await tech.PostAsJsonAsync("/api/knowledge/articles", Article("1. `sudo apt install cups`"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var article = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = article["id"]!.GetValue<string>();
        Assert.Equal("draft", article["status"]!.GetValue<string>());
        Assert.Equal(["os:银河麒麟V10", "category:peripheral", "brand:奔图"], article["tags"]!.AsArray().Select(t => t!.GetValue<string>()));

        // Another enterprise's staff, a unit: no such article. The supervisor reads but does not write.
        var before = factory.Logs.RefusalsOf("vendor@xinchuang.local");
        Assert.Equal(HttpStatusCode.NotFound, (await vendor.GetAsync($"/api/knowledge/articles/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await vendor.PostAsync($"/api/knowledge/articles/{id}/submit", null)).StatusCode);
        Assert.Equal(before + 2, factory.Logs.RefusalsOf("vendor@xinchuang.local"));          // each refusal leaves a trace
        Assert.Equal(HttpStatusCode.NotFound, (await unit.GetAsync($"/api/knowledge/articles/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsJsonAsync("/api/knowledge/articles", Article("x"))).StatusCode);

        Assert.Equal("submitted", await StatusOfAsync(await tech.PostAsync($"/api/knowledge/articles/{id}/submit", null)));
        var noComment = await admin.PostAsJsonAsync($"/api/knowledge/articles/{id}/review", new { decision = "return" });
        Assert.Equal(HttpStatusCode.BadRequest, noComment.StatusCode);
        Assert.Contains("退回时请填写审核意见", await noComment.Content.ReadAsStringAsync());
        Assert.Equal("returned", await StatusOfAsync(await admin.PostAsJsonAsync($"/api/knowledge/articles/{id}/review", new { decision = "return", comment = "请写明驱动版本" })));
        var returned = (await tech.GetFromJsonAsync<JsonObject>($"/api/knowledge/articles/{id}"))!;
        Assert.Equal("请写明驱动版本", returned["reviewComment"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await tech.PutAsJsonAsync($"/api/knowledge/articles/{id}", Article("1. `sudo apt install cups`\n2. 安装 1.2.4 版驱动"))).StatusCode);
        Assert.Equal("submitted", await StatusOfAsync(await tech.PostAsync($"/api/knowledge/articles/{id}/submit", null)));
        Assert.Equal(HttpStatusCode.Conflict, (await tech.PutAsJsonAsync($"/api/knowledge/articles/{id}", Article("改"))).StatusCode);   // not while it is reviewed
        Assert.Equal("published", await StatusOfAsync(await admin.PostAsJsonAsync($"/api/knowledge/articles/{id}/review", new { decision = "approve" })));

        // Published: the other enterprise reads it now; a unit not (it is not marked for users).
        var read = (await vendor.GetFromJsonAsync<JsonObject>($"/api/knowledge/articles/{id}"))!;
        Assert.Contains("1.2.4 版驱动", read["steps"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await unit.GetAsync($"/api/knowledge/articles/{id}")).StatusCode);
        // Found in Chinese, best first, with what matched marked; a unit's search leaves it out.
        var found = (await vendor.GetFromJsonAsync<JsonObject>("/api/knowledge/search?q=" + Uri.EscapeDataString("麒麟 打印机 驱动") + "&tag=os:银河麒麟V10&take=5"))!;
        var hit = found["hits"]!.AsArray()[0]!;
        Assert.Equal(id, hit["id"]!.GetValue<string>());
        Assert.Contains("<mark>", hit["title"]!.GetValue<string>());
        var unitFound = (await unit.GetFromJsonAsync<JsonObject>("/api/knowledge/search?q=" + Uri.EscapeDataString("麒麟 打印机")))!;
        Assert.DoesNotContain(unitFound["hits"]!.AsArray(), h => h!["id"]!.GetValue<string>() == id);
        Assert.Equal(HttpStatusCode.BadRequest, (await vendor.GetAsync("/api/knowledge/search?q=x&take=500")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await tech.PostAsJsonAsync("/api/knowledge/articles?culture=en", new JsonObject { ["kind"] = "blog", ["steps"] = "x" })).StatusCode);
    }

    private static async Task<string> StatusOfAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>();
    }
}
