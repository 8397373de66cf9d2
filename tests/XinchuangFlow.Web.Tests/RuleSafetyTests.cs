using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Web.Tests;

/// <summary>The app with the production body limit (1 MiB), which a rule document of 70,000 holidays fits under.</summary>
public sealed class RuleSafetySqliteApp : WebAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Limits:MaxRequestBodyBytes", "1048576");
    }
}

/// <summary>The same on PostgreSQL.</summary>
public sealed class RuleSafetyPostgresApp : PostgresWebAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Limits:MaxRequestBodyBytes", "1048576");
    }
}

/// <summary>
/// The findings of the security review of issue 19, over the API: rules that would give no ticket a deadline are
/// refused and nothing is stored; such rules stored anyway (an old row) neither stop a ticket nor make the recompute
/// preview fail; a hostile .ics upload is answered at once; a reassignment or re-dispatch does not tell an unknown
/// name from an ineligible one; a unit's ticket is at the unit's place and comes through the portal, whatever it says.
/// </summary>
public abstract class RuleSafetyTests(WebAppFactory app)
{
    private const string Demo = "Demo#2026xf";
    private Task<HttpClient> As(string user) => app.LoginAsync(user, user.StartsWith("admin") ? "Admin#2026xf" : Demo);

    private static async Task<HttpResponseMessage> PutRulesAsync(HttpClient api, string scope, string json) =>
        await api.PutAsync($"/api/rules/sla/{scope}?comment=x", new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<string> ErrorsAsync(HttpResponseMessage response) =>
        string.Join(" ", (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().SelectMany(e => e.Value!.AsArray().Select(m => m!.GetValue<string>())));

    private static string Overrides(string[] windows, int[] workingDays, IEnumerable<string>? holidays = null) => new JsonObject
    {
        ["calendar"] = "work",
        ["calendars"] = new JsonObject
        {
            ["work"] = new JsonObject
            {
                ["windows"] = new JsonArray(windows.Select(w => (JsonNode)w).ToArray()),
                ["workingDays"] = new JsonArray(workingDays.Select(d => (JsonNode)d).ToArray()),
                ["holidays"] = new JsonArray((holidays ?? []).Select(d => (JsonNode)d).ToArray()),
            },
        },
    }.ToJsonString();

    private async Task<XfDbContext> DbAsync() => await app.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync();

    [Fact]
    public async Task ACoordinatorsCalendarWithoutOpenTime_OrWith70000Holidays_IsRefused_AndNothingIsStored()
    {
        var nanning = await As("nanning@xinchuang.local");
        var saved = await PutRulesAsync(nanning, "4501", """{ "onSite": { "sameCity": "PT3H" } }""");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var before = (await nanning.GetFromJsonAsync<JsonObject>("/api/rules/sla/4501"))!;

        // Every weekday closed: no ticket of the city would get a deadline.
        var closed = await PutRulesAsync(nanning, "4501", Overrides(["08:30-12:00"], []));
        Assert.Equal(HttpStatusCode.BadRequest, closed.StatusCode);
        Assert.Contains("一年内没有工作时间", await ErrorsAsync(closed));                 // in the caller's language
        // Seventy thousand holidays: refused by their number, quickly.
        var watch = Stopwatch.StartNew();
        var many = Enumerable.Range(0, 70_000).Select(i => new DateOnly(2000, 1, 1).AddDays(i).ToString("yyyy-MM-dd"));
        var tooMany = await PutRulesAsync(nanning, "4501", Overrides(["08:30-12:00"], [1, 2, 3, 4, 5], many));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("列出 70,000 个日期，最多允许 2,000 个", await ErrorsAsync(tooMany));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");

        // Nothing was stored: the same version and document as before.
        var after = (await nanning.GetFromJsonAsync<JsonObject>("/api/rules/sla/4501"))!;
        Assert.Equal(before["version"]!.GetValue<int>(), after["version"]!.GetValue<int>());
        Assert.Equal(before["json"]!.GetValue<string>(), after["json"]!.GetValue<string>());
        // A what-if of the same proposal is a 400 too, not a 500.
        var whatIf = await nanning.PostAsync("/api/rules/sla/4501/what-if", new StringContent(Overrides(["08:30-12:00"], []), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, whatIf.StatusCode);
    }

    [Fact]
    public async Task AnOldRowWithoutOpenTime_StillDispatchesItsTickets_NamesTheRulesInAnIncident_AndThePreviewSays400()
    {
        // Written past the checks, as a row saved before them (or edited in the database) would be: Guilin closes every weekday.
        await using (var db = await DbAsync())
        {
            db.RuleSets.RemoveRange(db.RuleSets.Where(r => r.Kind == RuleKinds.Sla && r.Scope == "4503"));
            db.RuleSets.Add(new RuleSet { Kind = RuleKinds.Sla, Scope = "4503", Version = 7, Json = Overrides(["08:30-12:00"], []), UpdatedAt = DateTimeOffset.UtcNow, UpdatedBy = "legacy" });
            await db.SaveChangesAsync();
        }
        var admin = await As("admin@xinchuang.local");
        // The rules are read through a cache of a few seconds: wait until the old row is the one in force.
        var watch = Stopwatch.StartNew();
        HttpResponseMessage preview;
        do
        {
            preview = await admin.GetAsync("/api/rules/sla/4503/recompute");
            Assert.NotEqual(HttpStatusCode.InternalServerError, preview.StatusCode);
            if (preview.StatusCode == HttpStatusCode.BadRequest) break;
            await Task.Delay(250);
        } while (watch.Elapsed < TimeSpan.FromSeconds(15));
        Assert.Equal(HttpStatusCode.BadRequest, preview.StatusCode);
        Assert.Contains("不能为每张工单计算期限", await ErrorsAsync(preview));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/rules/sla/4503/recompute?comment=x", null)).StatusCode);

        Guid unit;
        string county;
        await using (var db = await DbAsync())
            (unit, county) = await db.ProcurementUnits.Where(u => u.CityCode == "4503").Select(u => new ValueTuple<Guid, string>(u.Id, u.CountyCode)).FirstAsync();
        var created = await admin.PostAsJsonAsync("/api/tickets", new JsonObject
        {
            ["procurementUnitId"] = unit.ToString(), ["contactName"] = "桂林联系人", ["contactPhone"] = "0773-5550101", ["cityCode"] = "4503", ["countyCode"] = county,
            ["productCategory"] = "terminal", ["impact"] = "single", ["title"] = "终端无法开机", ["description"] = "日历没有开放时间的城市",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var ticket = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains(ticket["status"]!.GetValue<string>(), new[] { "dispatched", "registered", "graded" });
        Assert.Null(ticket["responseDueAt"]);
        var instance = (await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{ticket["instanceId"]}"))!;
        Assert.NotEqual("Faulted", instance["status"]!.GetValue<string>());
        var incident = Assert.Single(instance["incidents"]!.AsArray(), i => i!["activityId"]!.GetValue<string>() == "startResponse")!;
        Assert.Contains("rules sla/4503 v7", incident["message"]!.GetValue<string>());
        Assert.Contains("the response clock", incident["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task AHostileCalendarFile_IsAnswered400_WithinSeconds()
    {
        var nanning = await As("nanning@xinchuang.local");
        const string secondly = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:s\r\nDTSTART;VALUE=DATE:20260101\r\n" +
            "RRULE:FREQ=SECONDLY;COUNT=100000000\r\nSUMMARY:休\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        var watch = Stopwatch.StartNew();
        var response = await nanning.PostAsync("/api/rules/sla/4501/calendar-import", new StringContent(secondly, Encoding.UTF8, "text/calendar"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Contains("每秒重复", await ErrorsAsync(response));   // the reader's own reason, in Chinese

        // Forty endless daily rules: stopped by the number of occurrences.
        var daily = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n" + string.Concat(Enumerable.Range(0, 40).Select(i =>
            $"BEGIN:VEVENT\r\nUID:d{i}\r\nDTSTART;VALUE=DATE:20250101\r\nRRULE:FREQ=DAILY\r\nSUMMARY:休\r\nEND:VEVENT\r\n")) + "END:VCALENDAR\r\n";
        watch.Restart();
        var endless = await nanning.PostAsync("/api/rules/sla/4501/calendar-import", new StringContent(daily, Encoding.UTF8, "text/calendar"));
        Assert.Equal(HttpStatusCode.BadRequest, endless.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    /// <summary>A problem answer without its per-request trace id.</summary>
    private static async Task<string> ProblemAsync(HttpResponseMessage response)
    {
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        body.Remove("traceId");
        return body.ToJsonString();
    }

    [Fact]
    public async Task AReassignmentOrRedispatch_AnswersAnUnknownNameAndAnIneligibleUserAlike()
    {
        var unit = await As("unit@xinchuang.local");
        var ticket = (await (await unit.PostAsJsonAsync("/api/tickets", new JsonObject
        {
            ["contactName"] = "陆工", ["contactPhone"] = "0771-5550101", ["cityCode"] = "4501", ["countyCode"] = "450103",
            ["productCategory"] = "terminal", ["impact"] = "single", ["title"] = "转派枚举测试", ["description"] = "测试",
        })).Content.ReadFromJsonAsync<JsonObject>())!;
        var filed = await unit.PostAsJsonAsync($"/api/tickets/{ticket["number"]}/complaints", new JsonObject { ["description"] = "工程师迟迟未到", ["category"] = "timeliness" });
        var complaint = (await filed.Content.ReadFromJsonAsync<JsonObject>())!;
        var manager = await As("manager@xinchuang.local");
        var task = Assert.Single((await manager.GetFromJsonAsync<JsonObject>($"/api/inbox?view=Team&take=200&text={complaint["number"]}"))!["items"]!.AsArray())!;
        var url = $"/api/tasks/{task["taskId"]}/reassign";

        var unknown = await manager.PostAsJsonAsync(url, new JsonObject { ["toUser"] = "nobody@nowhere.example", ["reason"] = "请同事处理" });
        var ineligible = await manager.PostAsJsonAsync(url, new JsonObject { ["toUser"] = "integrator@xinchuang.local", ["reason"] = "请同事处理" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(unknown.StatusCode, ineligible.StatusCode);
        Assert.Equal(await ProblemAsync(unknown), await ProblemAsync(ineligible));

        var admin = await As("admin@xinchuang.local");
        var redispatch = $"/api/tickets/{ticket["number"]}/redispatch";
        var nobody = await admin.PostAsJsonAsync(redispatch, new JsonObject { ["technicianUser"] = "nobody@nowhere.example", ["reason"] = "改派测试" });
        var notATechnician = await admin.PostAsJsonAsync(redispatch, new JsonObject { ["technicianUser"] = "unit@xinchuang.local", ["reason"] = "改派测试" });
        Assert.Equal(HttpStatusCode.BadRequest, nobody.StatusCode);
        Assert.Equal(nobody.StatusCode, notATechnician.StatusCode);
        var said = await ProblemAsync(nobody);
        Assert.Equal(said, await ProblemAsync(notATechnician));
        Assert.DoesNotContain("nobody@nowhere.example", said);
    }

    [Fact]
    public async Task AUnitsTicket_IsAtTheUnitsPlace_AndComesThroughThePortal_WhateverTheRequestSays()
    {
        string city, county;
        await using (var db = await DbAsync())
            (city, county) = await db.ProcurementUnits.Where(u => u.Name == "南宁市财政局").Select(u => new ValueTuple<string, string>(u.CityCode, u.CountyCode)).SingleAsync();
        Assert.Equal("4501", city);
        var unit = await As("unit@xinchuang.local");
        var liuzhou = await unit.PostAsJsonAsync("/api/tickets", new JsonObject
        {
            ["contactName"] = "陆工", ["contactPhone"] = "0771-5550101", ["cityCode"] = "4502", ["countyCode"] = "450202",
            ["productCategory"] = "terminal", ["impact"] = "single", ["title"] = "冒充柳州的工单", ["description"] = "测试", ["channel"] = "hotline",
        });
        Assert.Equal(HttpStatusCode.Created, liuzhou.StatusCode);
        var ticket = (await liuzhou.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("4501", county, "portal"), (ticket["cityCode"]!.GetValue<string>(), ticket["countyCode"]!.GetValue<string>(), ticket["channel"]!.GetValue<string>()));
        Assert.StartsWith("GX-4501-", ticket["number"]!.GetValue<string>());
        // A complaint without a ticket concerns the unit's city too.
        var complaint = await unit.PostAsJsonAsync("/api/complaints", new JsonObject { ["description"] = "柳州的服务太慢", ["category"] = "service", ["cityCode"] = "4502" });
        Assert.Equal(HttpStatusCode.Created, complaint.StatusCode);
        Assert.Equal("4501", (await complaint.Content.ReadFromJsonAsync<JsonObject>())!["cityCode"]!.GetValue<string>());

        // A desk says how the request reached it (hotline by default), but cannot pass it off as a unit's portal or a platform's API.
        var dispatcher = await As("dispatcher@xinchuang.local");
        JsonObject Desk(string? channel) => new()
        {
            ["procurementUnit"] = "南宁市财政局", ["contactName"] = "陆工", ["contactPhone"] = "0771-5550101", ["cityCode"] = "4501", ["countyCode"] = county,
            ["productCategory"] = "terminal", ["impact"] = "single", ["title"] = "热线登记", ["description"] = "测试", ["channel"] = channel,
        };
        var byPhone = await dispatcher.PostAsJsonAsync("/api/tickets", Desk(null));
        Assert.Equal(HttpStatusCode.Created, byPhone.StatusCode);
        Assert.Equal("hotline", (await byPhone.Content.ReadFromJsonAsync<JsonObject>())!["channel"]!.GetValue<string>());
        var byMail = await dispatcher.PostAsJsonAsync("/api/tickets", Desk("email"));
        Assert.Equal("email", (await byMail.Content.ReadFromJsonAsync<JsonObject>())!["channel"]!.GetValue<string>());
        var posing = await dispatcher.PostAsJsonAsync("/api/tickets", Desk("portal"));
        Assert.Equal(HttpStatusCode.BadRequest, posing.StatusCode);
        Assert.Contains("channel", (await posing.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key));
    }
}

public sealed class RuleSafetySqliteTests(RuleSafetySqliteApp app) : RuleSafetyTests(app), IClassFixture<RuleSafetySqliteApp>;
public sealed class RuleSafetyPostgresTests(RuleSafetyPostgresApp app) : RuleSafetyTests(app), IClassFixture<RuleSafetyPostgresApp>;
