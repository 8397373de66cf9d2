using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace XinchuangFlow.Web.Tests;

/// <summary>
/// The assessment model over HTTP (ASM-2) on the demo data: the model is a regional rule set (no city keeps overrides
/// of it; only the Data Bureau changes it, with history); a quarter's scores explain themselves by indicator; the
/// what-if of a proposed model changes the grades it should and a model that does not hold is a 400; enterprises see
/// their own score only.
/// </summary>
public class AssessmentApiTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    private const string DemoPassword = "Demo#2026xf";
    private static string Quarter()
    {
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        return $"{now.Year}Q{(now.Month - 1) / 3 + 1}";
    }

    private static JsonNode Parse(string json) =>
        JsonNode.Parse(json, documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!;

    [Fact]
    public async Task TheQuartersScores_ExplainThemselves_AndEachEnterpriseSeesOnlyItsOwn()
    {
        var admin = await factory.LoginAsync("admin@xinchuang.local", "Admin#2026xf");
        var sheet = (await admin.GetFromJsonAsync<JsonObject>($"/api/assessment/scores?quarter={Quarter()}"))!;
        var scores = sheet["scores"]!.AsArray().Select(s => s!.AsObject()).ToList();
        Assert.True(scores.Count > 1, "several enterprises served tickets this quarter");
        var graded = scores.Where(s => s["total"] is not null).ToList();
        Assert.NotEmpty(graded);
        foreach (var s in graded)
        {
            // The total is the sum of the scored indicators' contributions, and the grade follows the shipped lines (90 / 75 / 60).
            var indicators = s["indicators"]!.AsArray().Select(i => i!.AsObject()).ToList();
            Assert.Equal(8, indicators.Count);   // the shipped model's seven service indicators and the supervision notices answered on time
            var sum = indicators.Where(i => i["scored"]!.GetValue<bool>()).Sum(i => i["contribution"]!.GetValue<double>());
            Assert.Equal(Math.Round(sum, 2), s["total"]!.GetValue<double>(), 2);
            var total = s["total"]!.GetValue<double>();
            var byTotal = total >= 90 ? "excellent" : total >= 75 ? "pass" : total >= 60 ? "basic-pass" : "fail";
            Assert.Equal(s["belowRedLine"]!.GetValue<bool>() && byTotal == "excellent" ? "pass" : byTotal, s["grade"]!.GetValue<string>());
        }

        var manager = await factory.LoginAsync("manager@xinchuang.local", DemoPassword);
        var own = (await manager.GetFromJsonAsync<JsonObject>($"/api/assessment/scores?quarter={Quarter()}"))!["scores"]!.AsArray();
        var mine = Assert.Single(own)!["enterpriseId"]!.GetValue<string>();
        var other = scores.First(s => s["enterpriseId"]!.GetValue<string>() != mine)["enterpriseId"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync($"/api/assessment/scores?quarter={Quarter()}&enterpriseId={other}")).StatusCode);
        var unit = await factory.LoginAsync("unit@xinchuang.local", DemoPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await unit.GetAsync($"/api/assessment/scores?quarter={Quarter()}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/assessment/scores?quarter=2026Q5")).StatusCode);
    }

    [Fact]
    public async Task AProposedModel_IsTriedOnAQuarter_AndOnlyTheDataBureauChangesTheRegionalModel()
    {
        var admin = await factory.LoginAsync("admin@xinchuang.local", "Admin#2026xf");
        var model = (await admin.GetFromJsonAsync<JsonObject>("/api/rules/assessment/region"))!;
        var doc = Parse(model["json"]!.GetValue<string>()).AsObject();

        // Lines at nearly 0: every scored enterprise is 优秀 (合格 below the red line). Lines at nearly 100: every one fails.
        async Task<List<JsonObject>> WhatIfAsync(double excellent, double pass, double basicPass)
        {
            var proposed = doc.DeepClone().AsObject();
            proposed["grades"] = new JsonObject { ["excellent"] = excellent, ["pass"] = pass, ["basicPass"] = basicPass };
            var answer = await admin.PostAsJsonAsync("/api/assessment/what-if", new JsonObject { ["quarter"] = Quarter(), ["model"] = proposed });
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            return (await answer.Content.ReadFromJsonAsync<JsonArray>())!.Select(r => r!.AsObject()).ToList();
        }
        var lenient = await WhatIfAsync(0.02, 0.01, 0);
        var harsh = await WhatIfAsync(100, 99.99, 99.98);
        var scored = lenient.Where(r => r["proposed"]!["total"] is not null).ToList();
        Assert.NotEmpty(scored);
        foreach (var r in scored)
        {
            Assert.Equal(r["proposed"]!["belowRedLine"]!.GetValue<bool>() ? "pass" : "excellent", r["proposed"]!["grade"]!.GetValue<string>());
            var id = r["enterpriseId"]!.GetValue<string>();
            var strict = harsh.Single(h => h["enterpriseId"]!.GetValue<string>() == id)["proposed"]!;
            if (strict["total"]!.GetValue<double>() < 99.98) Assert.Equal("fail", strict["grade"]!.GetValue<string>());
            // The model in force is the same both times.
            Assert.Equal(r["current"]!["grade"]!.GetValue<string>(), harsh.Single(h => h["enterpriseId"]!.GetValue<string>() == id)["current"]!["grade"]!.GetValue<string>());
        }

        var broken = doc.DeepClone().AsObject();
        broken["indicators"]![0]!["weight"] = 5;
        var refused = await admin.PostAsJsonAsync("/api/assessment/what-if", new JsonObject { ["quarter"] = Quarter(), ["model"] = broken });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("权重合计", await refused.Content.ReadAsStringAsync());

        // Regional only: no city keeps overrides of it, and a coordinator cannot change it.
        var asCity = await admin.PutAsync("/api/rules/assessment/4501?comment=" + Uri.EscapeDataString("南宁自定"), new StringContent("{\"scope\":\"4501\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, asCity.StatusCode);
        var nanning = await factory.LoginAsync("nanning@xinchuang.local", DemoPassword);
        var byCoordinator = await nanning.PutAsync("/api/rules/assessment/region?comment=" + Uri.EscapeDataString("改"), new StringContent(doc.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, byCoordinator.StatusCode);

        // The Data Bureau saves a change; it is in force at once and in the history.
        var stricter = doc.DeepClone().AsObject();
        stricter["objectionDays"] = 7;
        var saved = await admin.PutAsync($"/api/rules/assessment/region?comment={Uri.EscapeDataString("异议期缩短为 7 天")}",
            new StringContent(stricter.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var again = Parse((await admin.GetFromJsonAsync<JsonObject>("/api/rules/assessment/region"))!["json"]!.GetValue<string>());
        Assert.Equal(7, again["objectionDays"]!.GetValue<int>());
        var history = await admin.GetStringAsync("/api/rules/assessment/region/history");
        Assert.Contains("异议期缩短为 7 天", history);
    }

    [Fact]
    public async Task TheDemo_HasAnAnswerWaitingForNanningsReview_WhichOnlyTheIssuingPartyReviews()
    {
        var nanning = await factory.LoginAsync("nanning@xinchuang.local", DemoPassword);
        var review = (await nanning.GetFromJsonAsync<JsonObject>("/api/tasks?status=Open&taskKind=supervision.review"))!["items"]!.AsArray();
        var task = Assert.Single(review)!;
        var notices = (await nanning.GetFromJsonAsync<JsonObject>("/api/supervision?status=answered"))!["items"]!.AsArray();
        var number = Assert.Single(notices, n => n!["instanceId"]!.GetValue<Guid>() == task["instanceId"]!.GetValue<Guid>())!["number"]!.GetValue<string>();

        // The enterprise that answered, and another city, may not review it; the return needs a comment.
        var manager = await factory.LoginAsync("manager@xinchuang.local", DemoPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync($"/api/supervision/{number}/review", new { outcome = "accept" })).StatusCode);
        var liuzhou = await factory.LoginAsync("liuzhou@xinchuang.local", DemoPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await liuzhou.PostAsJsonAsync($"/api/supervision/{number}/review", new { outcome = "accept" })).StatusCode);
        var bare = await nanning.PostAsJsonAsync($"/api/supervision/{number}/review", new { outcome = "return", comment = " " });
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Contains("退回时请写明原因", (await bare.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["comment"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

        var accepted = await nanning.PostAsJsonAsync($"/api/supervision/{number}/review", new { outcome = "accept", comment = "值班表已收到。" });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(("closed", "值班表已收到。"), ((string)(await accepted.Content.ReadFromJsonAsync<JsonObject>())!["status"]!, (string)(await nanning.GetFromJsonAsync<JsonObject>($"/api/supervision/{number}"))!["notice"]!["reviewComment"]!));
        Assert.Equal(HttpStatusCode.Conflict, (await nanning.PostAsJsonAsync($"/api/supervision/{number}/review", new { outcome = "accept" })).StatusCode);
    }
}
