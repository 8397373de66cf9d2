using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace XinchuangFlow.EndToEnd.Tests;

/// <summary>
/// The agents' whole loop in the browser (INB-1, INB-2, INT-5): a ticket recorded through the API shows in the
/// dispatcher's inbox by time left; the dispatcher sends it to the demo technician from its page; the technician, on a
/// 360 px phone with location allowed, accepts, sets out, checks in and resolves; the unit's feedback closes it and the
/// dispatcher's open inbox drops it without a reload. And two dispatchers racing for one task.
/// </summary>
public class AgentLoopBrowserTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Demo = "Demo#2026xf";
    private static string Shot(string name) => Path.Combine(AppFixture.Artifacts, name);

    /// <summary>The text box of a MudBlazor field, whichever element carries the test id.</summary>
    private static ILocator Field(IPage page, string testId) =>
        page.Locator($":is(input,textarea)[data-testid={testId}], [data-testid={testId}] :is(input,textarea)").First;

    private static async Task WaitLiveAsync(IPage page) =>
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });

    [Fact]
    public async Task TheAgentsLoop_FromTheInboxToTheTechniciansPhoneToTheUsersFeedback()
    {
        using var unitApi = await app.ApiAsync("unit@xinchuang.local", Demo);
        var created = await unitApi.PostAsJsonAsync("/api/tickets", new JsonObject
        {
            ["contactName"] = "王科长", ["contactPhone"] = "0771-5550188", ["cityCode"] = "4501", ["countyCode"] = "450103", ["productCategory"] = "terminal",
            ["impact"] = "single", ["title"] = "财务科电脑无法开机", ["description"] = "按电源键无反应，指示灯不亮。",
        });
        var ticket = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var number = ticket["number"]!.GetValue<string>();

        // The dispatcher's inbox (everything in scope) lists it, soonest deadline first.
        var desk = await app.SignedInPageAsync("dispatcher@xinchuang.local", Demo);
        await desk.GotoAsync("/inbox?view=All");
        await WaitLiveAsync(desk);
        var row = desk.Locator($"tr[data-case='{number}']");
        await row.WaitForAsync();
        await Assertions.Expect(row.Locator("[data-testid=countdown]")).ToHaveAttributeAsync("data-state", "OnTime");
        var dues = await desk.Locator("[data-testid=inbox] tbody tr[data-due]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.due).filter(d => d)");
        Assert.Equal(dues.OrderBy(d => DateTimeOffset.Parse(d)).ToArray(), dues);
        await desk.ScreenshotAsync(new() { Path = Shot("inbox-dispatcher.png"), FullPage = true });

        // From the inbox to the ticket's page: re-dispatch to the demo technician with a reason.
        await row.Locator("[data-testid=case-link]").ClickAsync();
        await desk.WaitForURLAsync($"**/tickets/{number}");
        await WaitLiveAsync(desk);
        await desk.Locator("[data-testid=action-redispatch]").ClickAsync();     // the action's dialog, drawn from its form
        // The technician is chosen from the planner's candidates (found by login as it is typed), not typed from memory.
        await Field(desk, "redispatch-technicianUser").FillAsync("tech@xinchuang.local");
        await desk.Locator(".mud-popover-open .xf-candidate[data-user='tech@xinchuang.local']").ClickAsync();
        await Field(desk, "redispatch-reason").FillAsync("该工程师就在附近");
        await desk.ScreenshotAsync(new() { Path = Shot("ticket-action-dialog.png") });
        await desk.Locator("[data-testid=redispatch]").ClickAsync();
        var techName = (await (await app.ApiAsync()).GetFromJsonAsync<JsonObject>($"/api/tickets/{number}"))!["ticket"]!["technicianName"]!.GetValue<string>();
        await Assertions.Expect(desk.Locator("[data-testid=technician]")).ToHaveTextAsync(techName);     // by name, not by login
        await desk.Locator("[data-testid=timeline]").GetByText("该工程师就在附近").First.WaitForAsync();

        // The technician's phone: 360 px wide, location allowed.
        var phone = await app.SignedInPageAsync("tech@xinchuang.local", Demo, new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true,
            Permissions = ["geolocation"], Geolocation = new Geolocation { Latitude = 22.8167f, Longitude = 108.3669f, Accuracy = 30 },
        });
        await phone.GotoAsync("/m");
        await WaitLiveAsync(phone);
        await phone.Locator($"[data-testid=field-{number}]").WaitForAsync();
        await phone.ScreenshotAsync(new() { Path = Shot("phone-list.png"), FullPage = true });
        await phone.Locator($"[data-testid=field-{number}] a").ClickAsync();
        await phone.WaitForURLAsync($"**/m/{number}");
        await WaitLiveAsync(phone);
        await phone.Locator("[data-testid=field-accept]").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid=field-status]")).ToHaveTextAsync("已接单");
        await phone.Locator("[data-testid=field-setout]").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid=field-status]")).ToHaveTextAsync("已出发");
        await phone.ScreenshotAsync(new() { Path = Shot("phone-ticket.png"), FullPage = true });
        await Field(phone, "field-location").FillAsync("财政局三楼财务科");
        await phone.Locator("[data-testid=field-checkin]").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid=field-status]")).ToHaveTextAsync("已到场");
        await Assertions.Expect(phone.Locator("[data-testid=field-checked-in]")).ToContainTextAsync("±30 m");
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), "the phone page fits 360 px without sideways scrolling");
        await Field(phone, "field-resolution").FillAsync("电源适配器损坏，已更换，开机正常。");
        await Field(phone, "field-parts").FillAsync("电源适配器 1 个");
        await Field(phone, "field-confirmed").FillAsync("王科长");
        await phone.Locator("[data-testid=field-resolve]").ClickAsync();
        await phone.Locator("[data-testid=field-nothing]").WaitForAsync();

        // The dispatcher sees the check-in with the distance to the unit's county centre.
        await desk.ReloadAsync();
        await WaitLiveAsync(desk);
        await Assertions.Expect(desk.Locator("[data-testid=checkin-distance]")).ToContainTextAsync("公里");
        await Assertions.Expect(desk.Locator("[data-testid=ticket-status]")).ToHaveTextAsync("待评价");
        await desk.ScreenshotAsync(new() { Path = Shot("ticket-workspace.png"), FullPage = true });
        // One clock: the check-in reads in China time — the stored UTC instant at +08:00 —, in the fields and the timeline alike.
        using var api = await app.ApiAsync();
        var checkInAt = (await api.GetFromJsonAsync<JsonObject>($"/api/tickets/{number}"))!["ticket"]!["checkInAt"]!.GetValue<DateTimeOffset>();
        var china = checkInAt.ToOffset(TimeSpan.FromHours(8)).ToString("MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(desk.Locator("[data-testid=checkin]")).ToContainTextAsync(china);
        await Assertions.Expect(desk.Locator("[data-testid=timeline-event][data-kind=check-in]").First).ToContainTextAsync(china);

        // The dispatcher keeps the inbox open while the unit gives feedback: the row goes without a reload.
        await desk.GotoAsync("/inbox?view=All");
        await WaitLiveAsync(desk);
        await desk.Locator($"tr[data-case='{number}']").WaitForAsync();
        var unit = await app.SignedInPageAsync("unit@xinchuang.local", Demo);
        // The unit's portal says when the technician arrived: the same China time as the ticket's page.
        await unit.GotoAsync("/portal");
        await Assertions.Expect(unit.Locator($"[data-testid=request-{number}] [data-testid=promise]")).ToContainTextAsync(china);
        await unit.GotoAsync("/inbox");
        await WaitLiveAsync(unit);
        var feedbackRow = unit.Locator($"tr[data-case='{number}']");
        await feedbackRow.Locator("td.xf-cell-title").ClickAsync();
        await unit.Locator("[data-testid=open-task] [data-testid=field-satisfaction]").ClickAsync();
        await unit.GetByRole(AriaRole.Option, new() { Name = "5 · 很满意", Exact = true }).ClickAsync();
        await unit.Locator("[data-testid=open-task] [data-testid=outcome-submit]").ClickAsync();
        await unit.GetByText("任务已完成").WaitForAsync();
        await Assertions.Expect(desk.Locator($"tr[data-case='{number}']")).ToHaveCountAsync(0, new() { Timeout = 10_000 });

        using var admin = await app.ApiAsync();
        var closed = (await admin.GetFromJsonAsync<JsonObject>($"/api/tickets/{number}"))!["ticket"]!;
        Assert.Equal("closed", closed["status"]!.GetValue<string>());
        Assert.Equal("王科长", closed["confirmedBy"]!.GetValue<string>());
        Assert.Equal(30, closed["checkInAccuracy"]!.GetValue<double>(), 0);
    }

    [Fact]
    public async Task TheInbox_StaysReadableBesideTheTaskPanel_At1440px_AndEveryCaseRowLinksToItsPage()
    {
        var page = await app.SignedInPageAsync(options: new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        // Every row of a ticket or a complaint links to the case's page: a ticket's by number, a complaint's by id.
        const string Links = "rows => rows.filter(r => r.dataset.case).map(r => [r.dataset.case, r.querySelector('[data-testid=case-link]')?.getAttribute('href') ?? ''])";
        await page.GotoAsync("/inbox?view=All&q=TS-");
        await WaitLiveAsync(page);
        await page.Locator("[data-testid=inbox] tbody tr[data-case]").First.WaitForAsync();
        var complaints = await page.Locator("[data-testid=inbox] tbody tr[data-case]").EvaluateAllAsync<string[][]>(Links);
        Assert.NotEmpty(complaints);   // the demo's complaints wait in the Data Bureau's inbox
        Assert.All(complaints, l => Assert.True(l[0].StartsWith("TS-") && l[1].StartsWith("/complaints/"), $"{l[0]} links to '{l[1]}'"));
        await page.Locator("[data-testid=inbox] [data-testid=case-link]").First.ClickAsync();
        await page.WaitForURLAsync("**/complaints/**");

        await page.GotoAsync("/inbox?view=All");
        await WaitLiveAsync(page);
        await page.Locator("[data-testid=inbox] tbody tr[data-case]").First.WaitForAsync();
        var tickets = await page.Locator("[data-testid=inbox] tbody tr[data-case]").EvaluateAllAsync<string[][]>(Links);
        // An enterprise's assessment result (its quarter, e.g. 2026Q3) links to the result's page, a supervision notice to its own.
        Assert.All(tickets, l => Assert.True(l[1] == $"/tickets/{l[0]}" || (l[0].StartsWith("TS-") && l[1].StartsWith("/complaints/"))
                                             || (System.Text.RegularExpressions.Regex.IsMatch(l[0], "^20[0-9]{2}Q[1-4]$") && l[1].StartsWith("/assessment/results/"))
                                             || (l[0].StartsWith("DB-") && l[1] == $"/supervision/{l[0]}"), $"{l[0]} links to '{l[1]}'"));

        var row = page.Locator("[data-testid=inbox] tbody tr").Filter(new() { Has = page.Locator("[data-testid^=open-]") }).First;
        var task = (await row.GetAttributeAsync("data-testid"))!["row-".Length..];
        await page.Locator($"[data-testid=open-{task}]").ClickAsync();
        await page.Locator("[data-testid=open-task]").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Shot("inbox-panel-1440.png") });
        // With the panel open the case and the time left stay in view, and a title is not cut to a character a line.
        foreach (var cell in new[] { "td.xf-col-case", "td.xf-col-due" })
        {
            var box = (await row.Locator(cell).BoundingBoxAsync())!;
            var panel = (await page.Locator("[data-testid=open-task]").BoundingBoxAsync())!;
            Assert.True(box.Width > 40 && box.X >= 0 && box.X + box.Width <= panel.X + 1, $"{cell} is visible left of the panel ({box.X}+{box.Width}, panel at {panel.X})");
        }
        await Assertions.Expect(row.Locator("[data-testid=countdown]")).ToBeVisibleAsync();
        var title = (await row.Locator("td.xf-cell-title").BoundingBoxAsync())!;
        var caseCell = (await row.Locator("td.xf-col-case").BoundingBoxAsync())!;
        var due = (await row.Locator("td.xf-col-due").BoundingBoxAsync())!;
        Assert.True(title.Width >= 120, $"the title column keeps its width ({title.Width} px)");
        Assert.True(title.X >= caseCell.X + caseCell.Width - 1 && title.X + title.Width <= due.X + 1, "the title is not hidden under the pinned columns");
    }

    [Fact]
    public async Task TwoDispatchers_CompleteTheSameTask_OneWins_TheOtherIsToldClearly()
    {
        using var api = await app.ApiAsync();
        var started = await api.PostAsJsonAsync("/api/workflow-instances", new { definitionId = "demo-acceptance", input = new { title = "两人同时受理" } });
        var instance = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var task = (await api.GetFromJsonAsync<JsonObject>($"/api/tasks?instanceId={instance}"))!["items"]![0]!["id"]!.GetValue<string>();

        var pages = new[] { await app.SignedInPageAsync("dispatcher@xinchuang.local", Demo), await app.SignedInPageAsync("integrator@xinchuang.local", Demo) };
        foreach (var page in pages)
        {
            await page.GotoAsync("/inbox?view=Team");
            await WaitLiveAsync(page);
            await page.Locator($"[data-testid=open-{task}]").ClickAsync();
            await page.Locator("[data-testid=open-task] [data-testid=field-comment] textarea").First.FillAsync("我来受理");
        }
        await Task.WhenAll(pages.Select(async p =>
        {
            // When the other's completion reaches this page first, its panel closes saying so: nothing is left to click.
            try { await p.Locator("[data-testid=open-task] [data-testid=outcome-accept]").ClickAsync(new() { Timeout = 10_000 }); }
            catch (TimeoutException) { }
        }));

        var messages = await Task.WhenAll(pages.Select(async p =>
        {
            var done = p.GetByText("任务已完成");
            var lost = p.GetByText("已被他人处理");
            await done.Or(lost).First.WaitForAsync();
            return await done.CountAsync() > 0 ? "won" : "lost";
        }));
        Assert.Equal(["lost", "won"], messages.Order().ToArray());
        var finished = (await api.GetFromJsonAsync<JsonObject>($"/api/tasks/{task}"));
        Assert.Equal("Completed", finished!["status"]!.GetValue<string>());
        await pages[Array.IndexOf(messages, "lost")].ScreenshotAsync(new() { Path = Shot("inbox-race-lost.png") });
    }
    [Fact]
    public async Task TheHotlineDesk_CallsAUnitBack_AndTheTicketKeepsWhatTheUnitSaid()
    {
        // A unit's request is worked to the end and rated 3 of 5: a low rating, so the hotline desk is to call back.
        using var unit = await app.ApiAsync("unit@xinchuang.local", Demo);
        var created = await unit.PostAsJsonAsync("/api/tickets", new JsonObject
        {
            ["contactName"] = "陆科长", ["contactPhone"] = "0771-5550101", ["cityCode"] = "4501", ["countyCode"] = "450103", ["productCategory"] = "peripheral",
            ["impact"] = "single", ["title"] = "打印机卡纸无法打印", ["description"] = "每打印几页就卡纸。",
        });
        var made = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var (ticketNumber, instance) = (made["number"]!.GetValue<string>(), made["instanceId"]!.GetValue<string>());
        using var admin = await app.ApiAsync();
        async Task CompleteAsync(string kind, string outcome, JsonObject data)
        {
            var open = (await admin.GetFromJsonAsync<JsonObject>($"/api/tasks?instanceId={instance}&status=Open"))!["items"]!.AsArray();
            var task = open.First(t => t!["taskKind"]?.GetValue<string>() == kind)!["id"]!.GetValue<string>();
            (await admin.PostAsJsonAsync($"/api/tasks/{task}/complete", new JsonObject { ["outcome"] = outcome, ["data"] = data })).EnsureSuccessStatusCode();
        }
        var first = (await admin.GetFromJsonAsync<JsonObject>($"/api/tasks?instanceId={instance}&status=Open"))!["items"]!.AsArray();
        if (first.Any(t => t!["taskKind"]?.GetValue<string>() == "ticket.manualDispatch"))
            await CompleteAsync("ticket.manualDispatch", "dispatch", new JsonObject { ["technicianUser"] = "tech@xinchuang.local", ["reason"] = "就近指派" });
        await CompleteAsync("ticket.accept", "accept", []);
        await CompleteAsync("ticket.handle", "checkIn", new JsonObject { ["location"] = "南宁市财政局" });
        await CompleteAsync("ticket.resolve", "resolved", new JsonObject { ["resolution"] = "更换搓纸轮" });
        await CompleteAsync("ticket.feedback", "submit", new JsonObject { ["satisfaction"] = "3", ["comment"] = "还算可以" });

        var page = await app.SignedInPageAsync("dispatcher@xinchuang.local", Demo);
        await page.GotoAsync("/inbox?view=All&kind=ticket.followUp");
        await WaitLiveAsync(page);
        var row = page.Locator($"[data-testid=inbox] tbody tr[data-case='{ticketNumber}']");
        await row.WaitForAsync();
        await Assertions.Expect(row).ToContainTextAsync("热线回访");
        var number = ticketNumber;
        var task = (await row.GetAttributeAsync("data-testid"))!["row-".Length..];
        await page.Locator($"[data-testid=open-{task}]").ClickAsync();
        var form = page.Locator("[data-testid=open-task]");
        await form.Locator("[data-testid=field-reached] input").CheckAsync();
        await form.Locator("[data-testid=field-confirmed] input").CheckAsync();
        await form.Locator("[data-testid=field-satisfaction]").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "4 · 满意" }).ClickAsync();   // the score reads with its meaning
        await form.Locator("[data-testid=field-note] textarea").First.FillAsync("用户确认打印已恢复正常");
        await page.ScreenshotAsync(new() { Path = Shot("followup-call.png") });
        await form.Locator("[data-testid=outcome-called]").ClickAsync();
        await page.GetByText("任务已完成").WaitForAsync();

        await page.GotoAsync($"/tickets/{number}");
        await WaitLiveAsync(page);
        var line = page.Locator("[data-testid=timeline-event][data-kind=followup]");
        await Assertions.Expect(line).ToContainTextAsync("调度员（演示） · 回访");
        await Assertions.Expect(page.GetByText("已接通，用户确认问题已解决，电话满意度 4/5：用户确认打印已恢复正常")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=timeline-event][data-kind=followup-selected]")).ToContainTextAsync("转入回访");
        await Assertions.Expect(page.GetByText("评分偏低，由热线回访")).ToBeVisibleAsync();
        Assert.Equal("Completed", (await admin.GetFromJsonAsync<JsonObject>($"/api/tasks/{task}"))!["status"]!.GetValue<string>());
    }
}
