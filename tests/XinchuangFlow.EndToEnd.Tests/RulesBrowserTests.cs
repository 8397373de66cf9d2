using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace XinchuangFlow.EndToEnd.Tests;

/// <summary>
/// A municipal coordinator changes their city's on-site target in the browser (RUL-1, RUL-2): the regional value
/// beside the city's, checked as typed, saved as a version with a comment, the next ticket follows it; another
/// city's rules do not open for them.
/// </summary>
public class RulesBrowserTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static ILocator Field(IPage page, string testId) =>
        page.Locator($":is(input,textarea)[data-testid='{testId}'], [data-testid='{testId}'] :is(input,textarea)").First;

    [Fact]
    public async Task TheNanningCoordinator_TightensTheOnSiteTarget_AndTheNextTicketFollowsIt()
    {
        var page = await app.SignedInPageAsync("nanning@xinchuang.local", "Demo#2026xf");
        await page.GotoAsync("/rules/sla");
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        var onSite = page.Locator("[data-testid='rule-onSite.sameCity']");
        await Assertions.Expect(onSite).ToContainTextAsync("4 小时");                    // the regional value beside it

        // An impossible value is refused as it is typed; saving stays off.
        await Field(page, "value-onSite.sameCity").FillAsync("999");
        await page.Locator("[data-testid=rules-problems]").GetByText("超过允许的最长时限 30 天").WaitForAsync();
        await Assertions.Expect(onSite).ToContainTextAsync("最长时限 30 天");           // the field itself is marked with its problem
        await Assertions.Expect(page.Locator("[data-testid=rules-save]")).ToBeDisabledAsync();

        await Field(page, "value-onSite.sameCity").FillAsync("5");                     // looser than the Data Bureau allows
        await page.Locator("[data-testid=rules-problems]").GetByText("数据局允许的最大值为 4 小时").WaitForAsync();
        await Assertions.Expect(page.Locator("[data-testid=rules-save]")).ToBeDisabledAsync();

        await Field(page, "value-onSite.sameCity").FillAsync("3");
        await Assertions.Expect(page.Locator("[data-testid=rules-problems]")).ToHaveCountAsync(0);
        await Assertions.Expect(onSite).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("xf-overridden"));
        // Try it before saving: a sample P1 ticket raised now, service point in the same city.
        await page.Locator("[data-testid=trial-grade]").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "P1" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=trial-grade]")).ToContainTextAsync("P1");   // chosen before the trial runs
        await page.Locator("[data-testid=trial-run]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=trial-onsite]")).ToContainTextAsync("3 小时");
        await Assertions.Expect(page.Locator("[data-testid=trial-response]")).ToContainTextAsync("0.5 小时");
        await Assertions.Expect(page.Locator("[data-testid=trial-onsite]")).ToContainTextAsync("调度员");
        await Field(page, "rules-comment").FillAsync("南宁城区交通改善，到场时限缩短为3小时");
        await page.Locator("[data-testid=rules-save]").ClickAsync();
        await page.GetByText("已保存为 v1").WaitForAsync();
        await Assertions.Expect(page.Locator("[data-testid=version-1]")).ToContainTextAsync("到场时限缩短为3小时");
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.Artifacts, "rules-sla-nanning.png"), FullPage = true });

        // The next Nanning ticket is held to 3 h on site; no restart.
        using var unit = await app.ApiAsync("unit@xinchuang.local", "Demo#2026xf");
        var created = await unit.PostAsJsonAsync("/api/tickets", new JsonObject
        {
            ["contactName"] = "王科长", ["contactPhone"] = "0771-5550188", ["cityCode"] = "4501", ["countyCode"] = "450103", ["productCategory"] = "terminal",
            ["impact"] = "single", ["title"] = "规则生效后的工单", ["description"] = "测试",
        });
        var ticket = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        using var admin = await app.ApiAsync();
        var number = ticket["number"]!.GetValue<string>();
        var instance = ticket["instanceId"]!.GetValue<string>();
        var tasks = (await admin.GetFromJsonAsync<JsonObject>($"/api/tasks?instanceId={instance}&status=Open"))!["items"]!.AsArray();
        if (tasks.Any(t => t!["activityId"]!.GetValue<string>() == "manualDispatch"))
        {
            var manual = tasks.First(t => t!["activityId"]!.GetValue<string>() == "manualDispatch")!["id"];
            await admin.PostAsJsonAsync($"/api/tasks/{manual}/complete", new JsonObject { ["outcome"] = "dispatch", ["data"] = new JsonObject { ["technicianUser"] = "tech@xinchuang.local", ["reason"] = "测试" } });
            tasks = (await admin.GetFromJsonAsync<JsonObject>($"/api/tasks?instanceId={instance}&status=Open"))!["items"]!.AsArray();
        }
        // A technician of the requester's own city, so the same-city target applies.
        if ((await admin.GetFromJsonAsync<JsonObject>($"/api/tickets/{number}"))!["ticket"]!["technicianUser"]?.GetValue<string>() != "tech@xinchuang.local")
            (await admin.PostAsJsonAsync($"/api/tickets/{number}/redispatch", new JsonObject { ["technicianUser"] = "tech@xinchuang.local", ["reason"] = "同城工程师" })).EnsureSuccessStatusCode();
        tasks = (await admin.GetFromJsonAsync<JsonObject>($"/api/tasks?instanceId={instance}&status=Open"))!["items"]!.AsArray();
        var accept = tasks.First(t => t!["activityId"]!.GetValue<string>() == "accept")!["id"];
        (await admin.PostAsJsonAsync($"/api/tasks/{accept}/complete", new JsonObject { ["outcome"] = "accept", ["data"] = new JsonObject() })).EnsureSuccessStatusCode();
        var clocks = (await admin.GetFromJsonAsync<JsonObject>($"/api/tickets/{number}"))!["ticket"]!["clocks"]!.AsArray();
        var onSiteClock = clocks.Single(c => c!["clock"]!.GetValue<string>() == "onsite")!;
        Assert.Equal("03:00:00", onSiteClock["target"]!.GetValue<string>());
        Assert.Equal("4501", onSiteClock["targetBasis"]!["s"]!.GetValue<string>());        // the rules of Nanning decided it
        Assert.Contains("南宁市", onSiteClock["targetReason"]!.GetValue<string>());           // said in the caller's language

        // Escalation: an early warning at 30 % to the dispatcher, on top of the regional levels.
        await page.Locator("[data-testid=tab-escalation]").ClickAsync();
        await page.WaitForURLAsync("**/rules/escalation");
        await page.Locator("[data-testid=levels-source]").GetByText("沿用全区").WaitForAsync();
        await page.Locator("[data-testid=level-add]").ClickAsync();
        var added = page.Locator("[data-testid=level-3]");                             // the fourth row, after 50 / 80 / 100 %
        await added.WaitForAsync();
        await added.Locator("input").First.FillAsync("30");
        await added.Locator("input").Last.FillAsync("南宁提前提醒");
        await Field(page, "rules-comment").FillAsync("增加30%提前提醒");
        await page.Locator("[data-testid=rules-save]").ClickAsync();
        await page.GetByText("已保存为 v1").WaitForAsync();
        await page.Locator("[data-testid=levels-source]").GetByText("本市使用自己的升级级别").WaitForAsync();
        // The saved-as notice of the SLA save above may still be showing: wait for the stored set itself (the regional
        // document it falls back to before the save carries comments, hence the lenient parse).
        int[] percents = [];
        for (var attempt = 0; attempt < 40 && percents.Length != 4; attempt++)
        {
            if (attempt > 0) await Task.Delay(250);
            var escalation = (await admin.GetFromJsonAsync<JsonObject>("/api/rules/escalation/4501/effective"))!;
            var effective = JsonNode.Parse(escalation["effective"]!.GetValue<string>(), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
            percents = effective["levels"]!.AsArray().Select(l => l!["percent"]!.GetValue<int>()).Order().ToArray();
        }
        Assert.Equal([30, 50, 80, 100], percents);
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.Artifacts, "rules-escalation-nanning.png"), FullPage = true });

        // P1 gets its own, tighter on-site target; the other-city value starts as the general one.
        await page.Locator("[data-testid=tab-sla]").ClickAsync();
        await page.WaitForURLAsync("**/rules/sla");
        await Field(page, "value-onSite.byGrade.P1.sameCity").FillAsync("2");
        await Assertions.Expect(Field(page, "value-onSite.byGrade.P1.otherCity")).ToHaveValueAsync("12");
        await Field(page, "rules-comment").FillAsync("P1到场2小时");
        await page.Locator("[data-testid=rules-save]").ClickAsync();
        await page.GetByText("已保存为 v2").WaitForAsync();
        var sla = JsonNode.Parse((await admin.GetFromJsonAsync<JsonObject>("/api/rules/sla/4501/effective"))!["effective"]!.GetValue<string>())!;
        Assert.Equal("PT2H", sla["onSite"]!["byGrade"]!["P1"]!["sameCity"]!.GetValue<string>());
        Assert.Equal("PT12H", sla["onSite"]!["byGrade"]!["P1"]!["otherCity"]!.GetValue<string>());
        Assert.Equal("PT3H", sla["onSite"]!["sameCity"]!.GetValue<string>());

        // Liuzhou's rules do not exist for the Nanning coordinator.
        await page.GotoAsync("/rules/sla/4502");
        await page.Locator("[data-testid=rules-not-found]").WaitForAsync();

        // The Data Bureau sees every city side by side, Nanning's overrides marked.
        var bureau = await app.SignedInPageAsync();
        await bureau.GotoAsync("/rules");
        var nanningOnSite = bureau.Locator("[data-testid='cell-4501-onSite.sameCity']");
        await Assertions.Expect(nanningOnSite).ToHaveTextAsync("3 小时");
        await Assertions.Expect(nanningOnSite).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("xf-overridden-cell"));
        await Assertions.Expect(bureau.Locator("[data-testid='cell-4503-onSite.sameCity']")).ToHaveTextAsync("4 小时");
        await Assertions.Expect(bureau.Locator("[data-testid='cell-4501-levels']")).ToContainTextAsync("30 / 50 / 80 / 100");
        await bureau.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.Artifacts, "rules-overview.png"), FullPage = true });
    }

    [Fact]
    public async Task TheLiuzhouCoordinator_ReplaysATighterOnSiteTargetOnLastQuarter_ThenSavesIt()
    {
        var page = await app.SignedInPageAsync("liuzhou@xinchuang.local", "Demo#2026xf");
        await page.GotoAsync("/rules");
        await page.WaitForURLAsync("**/rules/sla/4502");                              // a coordinator lands on their own city
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        await Field(page, "value-onSite.sameCity").FillAsync("2");
        await Assertions.Expect(page.Locator("[data-testid=rules-problems]")).ToHaveCountAsync(0);

        // What if these rules had applied last quarter? (the default period)
        var (from, to) = XinchuangFlow.Domain.Rules.RuleReplay.LastQuarter(DateTimeOffset.UtcNow);
        await Assertions.Expect(Field(page, "what-if-from")).ToHaveValueAsync(from.ToString("yyyy-MM-dd"));
        await page.Locator("[data-testid=what-if-run]").ClickAsync();
        await page.Locator("[data-testid=what-if-figures]").WaitForAsync();

        // The page shows what the service computes for the same proposal.
        using var coordinator = await app.ApiAsync("liuzhou@xinchuang.local", "Demo#2026xf");
        var query = $"from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}";
        var expected = (await (await coordinator.PostAsync($"/api/rules/sla/4502/what-if?{query}",
            new StringContent("""{ "scope": "4502", "onSite": { "sameCity": "PT2H" } }"""))).Content.ReadFromJsonAsync<JsonObject>())!;
        var replayed = expected["tickets"]!.GetValue<int>();
        Assert.True(replayed > 0, "the demo history has Liuzhou tickets last quarter");
        await Assertions.Expect(page.Locator("[data-testid=what-if-summary]")).ToContainTextAsync($"共 {replayed} 张工单");
        var onSite = (JsonObject side) => side["clocks"]!.AsArray().Single(c => c!["clock"]!.GetValue<string>() == "onsite")!;
        var now = onSite(expected["current"]!.AsObject());
        var then = onSite(expected["proposed"]!.AsObject());
        await Assertions.Expect(page.Locator("[data-testid=what-if-ontime-onsite]")).ToContainTextAsync($"（{now["onTime"]}/{now["started"]}）");
        await Assertions.Expect(page.Locator("[data-testid=what-if-ontime-onsite]")).ToContainTextAsync($"（{then["onTime"]}/{then["started"]}）");
        await Assertions.Expect(page.Locator("[data-testid=what-if-breached]")).ToContainTextAsync(expected["proposed"]!["breachedTickets"]!.ToJsonString());
        var changed = expected["changed"]!.AsArray();
        Assert.Equal(changed.Count, await page.Locator("[data-testid^=what-if-ticket-]").CountAsync());
        if (changed.Count > 0)
            await Assertions.Expect(page.Locator($"[data-testid=what-if-ticket-{changed[0]!["number"]!.GetValue<string>()}] a")).ToHaveAttributeAsync("href", $"/tickets/{changed[0]!["number"]!.GetValue<string>()}");
        await page.Locator("[data-testid=what-if]").ScreenshotAsync(new() { Path = Path.Combine(AppFixture.Artifacts, "rules-what-if-liuzhou.png") });

        // Replaying wrote nothing; saving does, with a comment, and the history shows the version.
        Assert.Empty((await coordinator.GetFromJsonAsync<JsonArray>("/api/rules/sla/4502/history"))!);
        await Field(page, "rules-comment").FillAsync("柳州城区到场时限缩短为2小时（已回放上季度）");
        await page.Locator("[data-testid=rules-save]").ClickAsync();
        await page.GetByText("已保存为 v1").WaitForAsync();
        await Assertions.Expect(page.Locator("[data-testid=version-1]")).ToContainTextAsync("已回放上季度");
        await Assertions.Expect(page.Locator("[data-testid=version-1]")).ToContainTextAsync("柳州市统筹协调单位（演示）");
        await Assertions.Expect(page.Locator("[data-testid=changes-1]")).ToContainTextAsync("到场（服务网点与用户同市）：（无） → 2 小时");   // the field as the page labels it, the duration as one

        // The saved target is for new clocks; the open Liuzhou tickets may take it too, after a preview.
        using var adminApi = await app.ApiAsync();
        var expectedRows = (await adminApi.GetFromJsonAsync<JsonArray>("/api/rules/sla/4502/recompute"))!;
        await page.Locator("[data-testid=recompute-preview]").ClickAsync();
        if (expectedRows.Count == 0) await page.Locator("[data-testid=recompute-none]").WaitForAsync();
        else
        {
            await page.Locator("[data-testid=recompute-rows]").WaitForAsync();
            var first = expectedRows[0]!;
            await Assertions.Expect(page.Locator($"[data-testid=recompute-{first["number"]}-{first["changes"]![0]!["clock"]}]")).ToContainTextAsync("2 小时");
            await page.Locator("[data-testid=recompute]").ScreenshotAsync(new() { Path = Path.Combine(AppFixture.Artifacts, "rules-recompute-liuzhou.png") });
            await Field(page, "recompute-comment").FillAsync("在办工单同步执行2小时到场");
            await page.Locator("[data-testid=recompute-apply]").ClickAsync();
            await page.GetByText($"已重算 {expectedRows.Count} 张工单的时限").WaitForAsync();
            Assert.Empty((await adminApi.GetFromJsonAsync<JsonArray>("/api/rules/sla/4502/recompute"))!);
        }

        // Working hours with the National Day holidays imported from an .ics file: a P3 ticket raised on the afternoon
        // before the holiday is due after it.
        await page.Locator("[data-testid=calendar-in-use]").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "office-hours" }).ClickAsync();
        await page.Locator("[data-testid=holiday-calendar]").WaitForAsync();
        var ics = Path.Combine(Path.GetTempPath(), $"holidays-{Guid.NewGuid():N}.ics");
        await File.WriteAllTextAsync(ics, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//gov//holidays//ZH\r\n" +
            "BEGIN:VEVENT\r\nUID:nd\r\nDTSTART;VALUE=DATE:20261001\r\nDTEND;VALUE=DATE:20261008\r\nSUMMARY:国庆节 休\r\nEND:VEVENT\r\n" +
            "BEGIN:VEVENT\r\nUID:w\r\nDTSTART;VALUE=DATE:20261010\r\nSUMMARY:国庆节 补班\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
        await page.Locator("[data-testid=calendar-import]").SetInputFilesAsync(ics);
        await Assertions.Expect(page.Locator("[data-testid=calendar-imported]")).ToContainTextAsync("7 个节假日、1 个调休上班日");   // merged with the regional calendar's days
        await Assertions.Expect(page.Locator("[data-testid=calendar-month]")).ToHaveTextAsync("2026-10");
        await Assertions.Expect(page.Locator("[data-testid=day-2026-10-05]")).ToHaveAttributeAsync("data-kind", "holiday");
        await Assertions.Expect(page.Locator("[data-testid=day-2026-10-10]")).ToHaveAttributeAsync("data-kind", "makeup");
        // One more day off by clicking it (Friday 9 October), then back to a working day with two more clicks.
        await page.Locator("[data-testid=day-2026-10-09]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=day-2026-10-09]")).ToHaveAttributeAsync("data-kind", "holiday");
        await page.Locator("[data-testid=day-2026-10-09]").ClickAsync();
        await page.Locator("[data-testid=day-2026-10-09]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=day-2026-10-09]")).ToHaveAttributeAsync("data-kind", "open");
        await Field(page, "trial-at").FillAsync("2026-09-30 16:30");
        await page.Locator("[data-testid=trial-run]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=trial-response]")).ToContainTextAsync("10-08 09:30");   // 1 h on the 30th, 1 h after the holiday
        await Field(page, "rules-comment").FillAsync("柳州按工作时间计时，导入国庆节假日");
        await page.Locator("[data-testid=rules-save]").ClickAsync();
        await page.GetByText("已保存为 v2").WaitForAsync();
        var saved = JsonNode.Parse((await coordinator.GetFromJsonAsync<JsonObject>("/api/rules/sla/4502/effective"))!["effective"]!.GetValue<string>())!;
        Assert.Equal("office-hours", saved["calendar"]!.GetValue<string>());
        Assert.Contains("2026-10-05", saved["calendars"]!["office-hours"]!["holidays"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal(["2026-09-27", "2026-10-10"], saved["calendars"]!["office-hours"]!["makeUpWorkdays"]!.AsArray().Select(d => d!.GetValue<string>()).ToArray());
        await page.Locator("[data-testid=calendar-editor]").ScreenshotAsync(new() { Path = Path.Combine(AppFixture.Artifacts, "rules-calendar-liuzhou.png") });

        // The Nanning coordinator cannot open Liuzhou's rules, nor replay on Liuzhou's tickets.
        var other = await app.SignedInPageAsync("nanning@xinchuang.local", "Demo#2026xf");
        await other.GotoAsync("/rules/sla/4502");
        await other.Locator("[data-testid=rules-not-found]").WaitForAsync();
        await Assertions.Expect(other.Locator("[data-testid=what-if]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheLiuzhouCoordinator_AddsAKeywordThatRaisesTheGrade_TriesIt_AndSavesIt()
    {
        var page = await app.SignedInPageAsync("liuzhou@xinchuang.local", "Demo#2026xf");
        await page.GotoAsync("/rules/grading");
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        await page.Locator("[data-testid=rows-source]").GetByText("沿用全区").WaitForAsync();
        var rows = await page.Locator("[data-testid=grading-rows] tbody tr").CountAsync();

        // Before: a single user's "财政核心业务系统打不开" is P4 (no regional keyword matches).
        await Field(page, "trial-text").FillAsync("财政核心业务系统打不开");
        await page.Locator("[data-testid=trial-impact]").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "单人" }).ClickAsync();
        // The choice and the text have reached the server before the trial runs (a busy machine is slower than a click).
        await Assertions.Expect(page.Locator(".mud-select").Filter(new() { Has = page.Locator("[data-testid=trial-impact]") }).Or(page.Locator("[data-testid=trial-impact]")).First).ToContainTextAsync("单人");
        await Assertions.Expect(Field(page, "trial-text")).ToHaveValueAsync("财政核心业务系统打不开");
        await page.Locator("[data-testid=trial-run]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=trial-result]")).ToContainTextAsync("定级P4");

        // A new row above the catch-all, moved to the top: the keyword 财政核心业务 makes it P1.
        await page.Locator("[data-testid=row-add]").ClickAsync();
        var added = rows - 1;
        await Assertions.Expect(page.Locator("[data-testid=grading-rows] tbody tr")).ToHaveCountAsync(rows + 1);
        await Field(page, $"keywords-{added}").FillAsync("财政核心业务，非税收入");
        await page.Locator($"[data-testid=grade-{added}]").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "P1" }).ClickAsync();
        for (var i = added; i > 0; i--) await page.Locator($"[data-testid=up-{i}]").ClickAsync();
        await Assertions.Expect(Field(page, "keywords-0")).ToHaveValueAsync("财政核心业务，非税收入");
        await Assertions.Expect(page.Locator("[data-testid=row-0]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("xf-overridden"));
        await page.Locator("[data-testid=trial-run]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=trial-result]")).ToContainTextAsync("定级P1");
        await Assertions.Expect(page.Locator("[data-testid=trial-result]")).ToContainTextAsync("财政核心业务");

        // A catch-all that is not last is refused as typed.
        await page.Locator($"[data-testid=remove-{rows}]").ClickAsync();
        await page.Locator("[data-testid=rules-problems]").GetByText("最后一行须匹配所有工单").WaitForAsync();
        await Assertions.Expect(page.Locator("[data-testid=rules-save]")).ToBeDisabledAsync();
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        await page.Locator("[data-testid=row-add]").ClickAsync();
        await Field(page, $"keywords-{added}").FillAsync("财政核心业务");
        await page.Locator($"[data-testid=grade-{added}]").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "P1" }).ClickAsync();
        for (var i = added; i > 0; i--) await page.Locator($"[data-testid=up-{i}]").ClickAsync();
        await Field(page, "rules-comment").FillAsync("财政核心业务故障一律按P1处理");
        await page.Locator("[data-testid=rules-save]").ClickAsync();
        await page.GetByText("已保存为 v1").WaitForAsync();
        await page.Locator("[data-testid=rows-source]").GetByText("本市使用自己的定级规则").WaitForAsync();
        using var coordinator = await app.ApiAsync("liuzhou@xinchuang.local", "Demo#2026xf");
        var effective = JsonNode.Parse((await coordinator.GetFromJsonAsync<JsonObject>("/api/rules/grading/4502/effective"))!["effective"]!.GetValue<string>())!;
        Assert.Equal(["财政核心业务"], effective["rows"]![0]!["keywordsAny"]!.AsArray().Select(k => k!.GetValue<string>()).ToArray());
        Assert.Equal("P1", effective["rows"]![0]!["grade"]!.GetValue<string>());
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.Artifacts, "rules-grading-liuzhou.png"), FullPage = true });
    }

    [Fact]
    public async Task TheDataBureau_SetsALimitOnTheCities_AndACoordinatorReadsTheLimitsOfTheirCity()
    {
        var bureau = await app.SignedInPageAsync();
        await bureau.GotoAsync("/rules");
        // A link clicked before the circuit is up can be undone by the circuit's first render: wait for it.
        await bureau.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        await bureau.Locator("[data-testid=to-limits]").ClickAsync();
        await bureau.WaitForURLAsync("**/rules/limits");
        await bureau.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(Field(bureau, "limit-onSite.sameCity-max")).ToHaveValueAsync("4");
        // A bound that makes no sense is refused as typed.
        await Field(bureau, "limit-resolution.P4-min").FillAsync("100");
        await Field(bureau, "limit-resolution.P4-max").FillAsync("96");
        await bureau.Locator("[data-testid=rules-problems]").GetByText("下限高于上限").WaitForAsync();
        await Assertions.Expect(bureau.Locator("[data-testid=rules-save]")).ToBeDisabledAsync();
        await Field(bureau, "limit-resolution.P4-min").FillAsync("24");
        await Assertions.Expect(bureau.Locator("[data-testid=rules-problems]")).ToHaveCountAsync(0);
        await Field(bureau, "rules-comment").FillAsync("P4解决时限各市须在24至96小时之间");
        await bureau.Locator("[data-testid=rules-save]").ClickAsync();
        await bureau.GetByText("已保存为 v").WaitForAsync();
        using var admin = await app.ApiAsync();
        var region = JsonNode.Parse((await admin.GetFromJsonAsync<JsonObject>("/api/rules/sla/region/effective"))!["effective"]!.GetValue<string>())!;
        Assert.Equal(TimeSpan.FromHours(24), System.Xml.XmlConvert.ToTimeSpan(region["cityLimits"]!["resolution.P4"]!["min"]!.GetValue<string>()));
        Assert.Equal(TimeSpan.FromHours(96), System.Xml.XmlConvert.ToTimeSpan(region["cityLimits"]!["resolution.P4"]!["max"]!.GetValue<string>()));
        await bureau.EvaluateAsync("window.scrollTo(0, 0)");
        await bureau.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.Artifacts, "rules-limits.png"), FullPage = true });

        // The Nanning coordinator finds the limits from their own rules: read-only, with Nanning's value beside each.
        var coordinator = await app.SignedInPageAsync("nanning@xinchuang.local", "Demo#2026xf");
        await coordinator.GotoAsync("/rules/sla");
        await coordinator.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        await coordinator.Locator("[data-testid=to-city-limits]").ClickAsync();
        await coordinator.WaitForURLAsync("**/rules/limits/sla");
        await coordinator.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(coordinator.Locator("[data-testid=limits-read-only]")).ToBeVisibleAsync();
        await Assertions.Expect(coordinator.Locator("[data-testid='limit-resolution.P4-min']")).ToHaveTextAsync("24 小时");
        await Assertions.Expect(coordinator.Locator("[data-testid='city-value-onSite.sameCity']")).ToContainTextAsync("小时");
        Assert.Equal(0, await coordinator.Locator("[data-testid=limits-table] input").CountAsync());
        Assert.Equal(0, await coordinator.Locator("[data-testid=rules-save]").CountAsync());
        await coordinator.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.Artifacts, "rules-limits-coordinator.png"), FullPage = true });
        // A unit's user has no limits to read: the page is not theirs.
        var unit = await app.SignedInPageAsync("unit@xinchuang.local", "Demo#2026xf");
        await unit.GotoAsync("/rules/limits");
        await unit.Locator("[data-testid=no-access]").WaitForAsync();
    }

    [Fact]
    public async Task TheLiuzhouCoordinator_SetsDispatchPreferences_AndTheyAreSavedAsOverrides()
    {
        var page = await app.SignedInPageAsync("liuzhou@xinchuang.local", "Demo#2026xf");
        await page.GotoAsync("/rules/dispatch");
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        // P3 needs level 2 in Liuzhou (the region asks 1): the row is marked as an override.
        await page.Locator("[data-testid='value-requiredLevel.P3']").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "2 级（中级）" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='rule-requiredLevel.P3']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("xf-overridden"));
        // Liuzhou's last county is helped from Guilin first when nobody in Liuzhou qualifies.
        var county = XinchuangFlow.Domain.Network.GuangxiDivisions.Shipped.CountiesOf("4502").Last();
        await AppFixture.ChooseAsync(page, page.Locator("[data-testid=fallback-new-county]"), county.Name);
        await AppFixture.ChooseAsync(page, page.Locator("[data-testid=fallback-new-city]"), "桂林市");
        await page.Locator("[data-testid=fallback-add]").ClickAsync();
        await page.Locator($"[data-testid=fallback-{county.Code}]").WaitForAsync();
        await Field(page, "rules-comment").FillAsync("P3要求中级；边远县由桂林支援");
        await page.Locator("[data-testid=rules-save]").ClickAsync();
        await page.GetByText("已保存为 v1").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.Artifacts, "rules-dispatch-liuzhou.png"), FullPage = true });

        using var coordinator = await app.ApiAsync("liuzhou@xinchuang.local", "Demo#2026xf");
        var view = (await coordinator.GetFromJsonAsync<JsonObject>("/api/rules/dispatch/4502/effective"))!;
        var effective = JsonNode.Parse(view["effective"]!.GetValue<string>())!;
        Assert.Equal(2, effective["requiredLevel"]!["P3"]!.GetValue<int>());
        Assert.Equal(3, effective["requiredLevel"]!["P1"]!.GetValue<int>());            // the rest follows the region
        Assert.Equal("4503", effective["fallbacks"]![county.Code]!.GetValue<string>());
        Assert.Contains("requiredLevel.P3", view["differences"]!.AsArray().Select(d => d!.GetValue<string>()));
    }
    [Fact]
    public async Task TheDataBureau_EditsTheAssessmentModel_TriesItOnAQuarter_AndACoordinatorOnlyReadsIt()
    {
        var page = await app.SignedInPageAsync("admin@xinchuang.local", "Admin#2026xf");
        await page.GotoAsync("/rules/assessment");
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.Locator("[data-testid=assessment-indicators] tbody tr")).ToHaveCountAsync(8);
        await Assertions.Expect(page.Locator("[data-testid=indicator-code-1]")).ToContainTextAsync("到场及时率");
        await Assertions.Expect(page.Locator("[data-testid=rules-scope]")).ToHaveCountAsync(0);          // regional only: no city to choose

        // Weights that do not add up to 100 are refused as they are typed; saving stays off.
        await Field(page, "indicator-weight-1").FillAsync("30");
        await Assertions.Expect(page.Locator("[data-testid=assessment-weight-sum]")).ToContainTextAsync("105");
        await page.Locator("[data-testid=rules-problems]").GetByText("各指标权重合计须为 100，现为 105").WaitForAsync();
        await Assertions.Expect(page.Locator("[data-testid=rules-save]")).ToBeDisabledAsync();
        await Field(page, "indicator-weight-1").FillAsync("25");
        await Assertions.Expect(page.Locator("[data-testid=rules-problems]")).ToHaveCountAsync(0);

        // A stricter 优秀 line, tried on the quarter running: the table shows both models' grades.
        await Field(page, "value-grades.excellent").FillAsync("99");
        await page.Locator("[data-testid=what-if-quarter]").ClickAsync();
        await page.GetByRole(AriaRole.Option).Nth(1).ClickAsync();
        await page.Locator("[data-testid=what-if-run]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=what-if-row]").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=what-if-rows]")).ToContainTextAsync("南宁八桂数智服务有限公司");
        Assert.DoesNotMatch("excellent|pass|fail", await page.Locator("[data-testid=what-if-rows]").InnerTextAsync());
        await Field(page, "rules-comment").FillAsync("优秀线提高到 99 分");
        await page.Locator("[data-testid=rules-save]").ClickAsync();
        await page.GetByText("已保存为 v2").WaitForAsync();
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.Artifacts, "rules-assessment.png"), FullPage = true });

        // A coordinator reads the model (the same for every city) and cannot change it.
        var nanning = await app.SignedInPageAsync("nanning@xinchuang.local", "Demo#2026xf");
        await nanning.GotoAsync("/rules/assessment");
        await nanning.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(nanning.Locator("[data-testid=assessment-indicators] tbody tr")).ToHaveCountAsync(8);
        await Assertions.Expect(Field(nanning, "value-grades.excellent")).ToHaveValueAsync("99");
        await Assertions.Expect(Field(nanning, "indicator-weight-1")).ToBeDisabledAsync();
        await Assertions.Expect(nanning.Locator("[data-testid=rules-save]")).ToHaveCountAsync(0);
    }
}
