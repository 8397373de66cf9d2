using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace XinchuangFlow.EndToEnd.Tests;

/// <summary>
/// The quarterly assessment in the browser (ASM-2): the last quarter is under way (the schedule started it when the demo
/// was seeded); the Data Bureau cannot start it twice; the demo enterprise's manager objects in the inbox; the Bureau
/// adjusts the grade; when every enterprise has answered the round is published, explained and exported to Excel, and the
/// workbook carries the page's figures.
/// </summary>
public class AssessmentBrowserTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Demo = "Demo#2026xf";
    private const string Manager = "南宁八桂数智服务有限公司";
    private static string Shot(string name) => Path.Combine(AppFixture.Artifacts, name);

    private static async Task WaitLiveAsync(IPage page) =>
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });

    [Fact]
    public async Task TheQuarter_IsContestedByAManager_RuledByTheBureau_Published_AndItsExcelHasThePagesFigures()
    {
        using var admin = await app.ApiAsync();
        var round = (await admin.GetFromJsonAsync<JsonArray>("/api/assessment/rounds"))!.Single()!;
        Assert.Equal("open", round["status"]!.GetValue<string>());
        var (roundId, quarter) = (round["id"]!.GetValue<string>(), round["quarter"]!.GetValue<string>());
        var quarterName = $"{quarter[..4]} 年第 {quarter[5..]} 季度";

        // The Data Bureau cannot compute the quarter again while its objections are open: the page says why.
        var bureau = await app.SignedInPageAsync();
        await bureau.GotoAsync("/assessment");
        await WaitLiveAsync(bureau);
        await Assertions.Expect(bureau.Locator("[data-testid=round-status]").First).ToHaveTextAsync("异议期");
        await bureau.Locator("[data-testid=assessment-start-button]").ClickAsync();
        await Assertions.Expect(bureau.Locator("[data-testid=assessment-start-error]")).ToContainTextAsync("尚未发布");

        // The demo enterprise's manager sees their own result only, and objects in the inbox with a reason and evidence.
        var manager = await app.SignedInPageAsync("manager@xinchuang.local", Demo);
        await manager.GotoAsync("/assessment");
        await WaitLiveAsync(manager);
        await Assertions.Expect(manager.Locator("[data-testid=result-enterprise]")).ToHaveTextAsync([Manager]);
        await manager.GotoAsync("/inbox?view=All&kind=assessment.objection");
        await WaitLiveAsync(manager);
        var row = manager.Locator($"[data-testid=inbox] tbody tr[data-case='{quarter}']");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync(Manager);
        var task = (await row.GetAttributeAsync("data-testid"))!["row-".Length..];
        await manager.Locator($"[data-testid=open-{task}]").ClickAsync();
        var form = manager.Locator("[data-testid=open-task]");
        await form.Locator("[data-testid=outcome-object]").ClickAsync();
        await Assertions.Expect(form).ToContainTextAsync("提出异议须写明理由");
        await form.Locator("[data-testid=field-reason] textarea").First.FillAsync("两张超时工单因采购单位搬迁无法进入现场，已附搬迁通知。");
        await form.Locator("[data-testid=field-evidence] textarea").First.FillAsync("搬迁通知及工单沟通记录");
        await manager.Keyboard.PressAsync("Tab");
        await Assertions.Expect(form.Locator("[data-testid=field-evidence]")).ToContainTextAsync("11 / 4000");   // the page has the text
        await manager.ScreenshotAsync(new() { Path = Shot("assessment-objection.png") });
        await form.Locator("[data-testid=outcome-object]").ClickAsync();
        await manager.GetByText("任务已完成").WaitForAsync();

        // The Bureau rules on it in its inbox: the grade adjusted to 合格, named, with the reason.
        await bureau.GotoAsync("/inbox?view=All&kind=assessment.ruling");
        await WaitLiveAsync(bureau);
        var ruling = bureau.Locator($"[data-testid=inbox] tbody tr[data-case='{quarter}']").Filter(new() { HasText = Manager });
        await Assertions.Expect(ruling).ToHaveCountAsync(1);
        task = (await ruling.GetAttributeAsync("data-testid"))!["row-".Length..];
        await bureau.Locator($"[data-testid=open-{task}]").ClickAsync();
        form = bureau.Locator("[data-testid=open-task]");
        await form.Locator("[data-testid=field-grade]").ClickAsync();
        await bureau.GetByRole(AriaRole.Option, new() { Name = "合格", Exact = true }).ClickAsync();
        await form.Locator("[data-testid=field-reason] textarea").First.FillAsync("搬迁情况属实，核减两张超时工单后按合格认定。");
        await bureau.Keyboard.PressAsync("Tab");
        await Assertions.Expect(form.Locator("[data-testid=field-reason]")).ToContainTextAsync("22 / 2000");
        await Assertions.Expect(form.Locator("[data-testid=field-grade] input").First).ToHaveValueAsync("合格");      // the grade reads by its name
        await bureau.ScreenshotAsync(new() { Path = Shot("assessment-ruling.png") });
        await form.Locator("[data-testid=outcome-adjust]").ClickAsync();
        await bureau.GetByText("任务已完成").WaitForAsync();

        // One of the other enterprises fails after all (set up through the API): it objects, and the Bureau adjusts its grade
        // to 不合格 — once published, it is called to an interview.
        var results = (await admin.GetFromJsonAsync<JsonObject>($"/api/assessment/rounds/{roundId}"))!["results"]!.AsArray();
        var waiting = (await admin.GetFromJsonAsync<JsonObject>("/api/tasks?status=Open&taskKind=assessment.objection&take=100"))!["items"]!.AsArray();
        var failing = results.First(r => r!["enterpriseName"]!.GetValue<string>() != Manager
                                         && waiting.Any(t => t!["instanceId"]!.GetValue<string>() == r["instanceId"]!.GetValue<string>()))!;
        var (failingId, failingName, failingFlow) = (failing["id"]!.GetValue<string>(), failing["enterpriseName"]!.GetValue<string>(), failing["instanceId"]!.GetValue<string>());
        var objectionTask = waiting.First(t => t!["instanceId"]!.GetValue<string>() == failingFlow)!;
        (await admin.PostAsJsonAsync($"/api/tasks/{objectionTask["id"]}/complete",
            new JsonObject { ["outcome"] = "object", ["data"] = new JsonObject { ["reason"] = "本季度工单数据有误，请复核。" } })).EnsureSuccessStatusCode();
        var failRuling = (await admin.GetFromJsonAsync<JsonObject>("/api/tasks?status=Open&taskKind=assessment.ruling&take=100"))!["items"]!.AsArray()
            .First(t => t!["instanceId"]!.GetValue<string>() == failingFlow)!;
        (await admin.PostAsJsonAsync($"/api/tasks/{failRuling["id"]}/complete", new JsonObject
        {
            ["outcome"] = "adjust", ["data"] = new JsonObject { ["grade"] = "fail", ["reason"] = "复核发现多张工单到场超时且未如实报送，认定不合格。" },
        })).EnsureSuccessStatusCode();

        // The other enterprises answer (set up through the API): the one that objected is upheld, the rest accept.
        foreach (var kind in new[] { "assessment.ruling", "assessment.objection" })
        {
            var open = (await admin.GetFromJsonAsync<JsonObject>($"/api/tasks?status=Open&taskKind={kind}&take=100"))!["items"]!.AsArray();
            foreach (var t in open)
            {
                var body = kind == "assessment.ruling"
                    ? new JsonObject { ["outcome"] = "uphold", ["data"] = new JsonObject { ["reason"] = "证据不足以改变结果，维持原等级。" } }
                    : new JsonObject { ["outcome"] = "accept", ["data"] = new JsonObject() };
                (await admin.PostAsJsonAsync($"/api/tasks/{t!["id"]}/complete", body)).EnsureSuccessStatusCode();
            }
        }

        // Published: the round's table, the manager's result explained with its objection and ruling.
        await bureau.GotoAsync("/assessment");
        await WaitLiveAsync(bureau);
        await Assertions.Expect(bureau.Locator("[data-testid=round-status]").First).ToHaveTextAsync("已发布");
        await Assertions.Expect(bureau.Locator("[data-testid=round-title]")).ToContainTextAsync(quarterName);
        var mine = bureau.Locator("[data-testid=round-results] tbody tr").Filter(new() { HasText = Manager });
        await Assertions.Expect(mine.Locator("[data-testid=result-grade]")).ToHaveTextAsync("合格");
        await Assertions.Expect(mine.Locator("[data-testid=result-status]")).ToHaveTextAsync("已发布");
        var pageTotal = (await mine.Locator("[data-testid=result-total]").InnerTextAsync()).Trim();
        Assert.DoesNotMatch("excellent|basic-pass|not-assessed|published|adjust", await bureau.Locator("[data-testid=round-results]").InnerTextAsync());
        await bureau.ScreenshotAsync(new() { Path = Shot("assessment-rounds.png"), FullPage = true });

        await mine.Locator("[data-testid=result-enterprise] a").ClickAsync();
        await bureau.WaitForURLAsync("**/assessment/results/**");
        await WaitLiveAsync(bureau);
        await Assertions.Expect(bureau.Locator("[data-testid=detail-grade]")).ToHaveTextAsync("合格");
        await Assertions.Expect(bureau.Locator("[data-testid=result-objection]")).ToContainTextAsync("采购单位搬迁");
        await Assertions.Expect(bureau.Locator("[data-testid=result-ruling]")).ToContainTextAsync("调整等级");
        await Assertions.Expect(bureau.Locator("[data-testid=result-ruling]")).ToContainTextAsync("数据局管理员");          // who ruled, by name
        await Assertions.Expect(bureau.Locator("[data-testid=result-objection]")).ToContainTextAsync("企业服务经理（演示）（南宁八桂数智服务有限公司）");
        await Assertions.Expect(bureau.Locator(".mud-main-content")).Not.ToContainTextAsync("@xinchuang.local");                       // never by login
        await Assertions.Expect(bureau.Locator("[data-testid=result-event]")).ToHaveCountAsync(4);
        await Assertions.Expect(bureau.Locator("[data-testid=result-event][data-kind=assessment-ruled]")).ToContainTextAsync("数据局裁定");
        await Assertions.Expect(bureau.Locator("[data-testid=result-indicators] tbody tr")).Not.ToHaveCountAsync(0);
        await bureau.ScreenshotAsync(new() { Path = Shot("assessment-result.png"), FullPage = true });

        // The enterprise that failed is called to an interview: the Bureau's task names it and the quarter, and opens its result.
        await bureau.GotoAsync("/inbox?view=All&kind=assessment.interview");
        await WaitLiveAsync(bureau);
        var interview = bureau.Locator($"[data-testid=inbox] tbody tr[data-case='{quarter}']").Filter(new() { HasText = failingName });
        await Assertions.Expect(interview).ToHaveCountAsync(1);
        await Assertions.Expect(interview.Locator("[data-testid=case-link]")).ToHaveAttributeAsync("href", $"/assessment/results/{failingId}");
        task = (await interview.GetAttributeAsync("data-testid"))!["row-".Length..];
        await bureau.Locator($"[data-testid=open-{task}]").ClickAsync();
        form = bureau.Locator("[data-testid=open-task]");
        await Assertions.Expect(form.Locator("h6").First).ToContainTextAsync($"约谈：{failingName}（{quarterName}考核不合格）");
        await Assertions.Expect(form).ToContainTextAsync($"约谈{failingName}负责人，对照其{quarterName}考核结果");
        var caseLink = form.Locator("[data-testid=task-case-link]");
        await Assertions.Expect(caseLink).ToHaveAttributeAsync("href", $"/assessment/results/{failingId}");
        await bureau.ScreenshotAsync(new() { Path = Shot("assessment-interview.png") });
        var opened = bureau.Context.WaitForPageAsync();
        await caseLink.ClickAsync();                                                  // beside the inbox, in a new tab
        var resultPage = await opened;
        await resultPage.WaitForURLAsync($"**/assessment/results/{failingId}");
        await WaitLiveAsync(resultPage);
        await Assertions.Expect(resultPage.Locator("[data-testid=result-title]")).ToContainTextAsync(failingName);
        await Assertions.Expect(resultPage.Locator("[data-testid=detail-grade]")).ToHaveTextAsync("不合格");
        await Assertions.Expect(resultPage.Locator("[data-testid=result-event][data-kind=assessment-interview]")).ToContainTextAsync("系统 · 约谈");
        await resultPage.CloseAsync();

        // The workbook the page's button links to has the same figures, headed in Chinese.
        var href = await bureau.GotoAsync("/assessment") is not null
            ? await bureau.Locator("[data-testid=round-export]").GetAttributeAsync("href") : null;
        Assert.Equal($"/api/assessment/rounds/{roundId}/export", href);
        var file = await admin.GetAsync(href);
        file.EnsureSuccessStatusCode();
        await using var stream = await file.Content.ReadAsStreamAsync();
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        copy.Position = 0;
        var rows = copy.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var line = rows.Single(r => (string?)r["企业"] == Manager);
        Assert.Equal("合格", line["最终等级"]);
        Assert.Equal("调整等级", line["裁定"]);
        Assert.Equal(quarter, line["季度"]);
        Assert.Equal(pageTotal, line["总分"] is null ? "—" : Convert.ToDouble(line["总分"]).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((await admin.GetFromJsonAsync<JsonObject>($"/api/assessment/rounds/{roundId}"))!["results"]!.AsArray().Count, rows.Count);
    }

    [Fact]
    public async Task ANoticesDeadline_IsTypedIntoTheDatePicker_IssuedWithIt_AndShownBackInChinaTime()
    {
        using var admin = await app.ApiAsync();
        var bureau = await app.SignedInPageAsync();
        await bureau.GotoAsync("/supervision");
        await bureau.Locator("[data-testid=supervision-issue]").WaitForAsync();
        await WaitLiveAsync(bureau);
        await bureau.GetByText("一家企业", new() { Exact = true }).ClickAsync();
        await AppFixture.ChooseAsync(bureau, bureau.Locator("[data-testid=supervision-enterprise]"), Manager);

        // The picker opens as a dialog from its calendar button …
        var picker = bureau.Locator(".mud-picker").Filter(new() { Has = bureau.Locator("input[data-testid=supervision-day]") });
        await picker.Locator(".mud-input-adornment button").ClickAsync();
        var dialog = bureau.Locator(".mud-overlay-dialog");
        await Assertions.Expect(dialog.Locator(".mud-picker-calendar-container, .mud-picker-datepicker-toolbar").First).ToBeVisibleAsync();
        await bureau.Mouse.ClickAsync(4, 4);                                        // the overlay closes it, nothing picked
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        // … and takes a date typed into it: ten days on, 09:00 China time.
        var day = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(10);
        var typed = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var input = AppFixture.Field(bureau, "supervision-day");
        await input.FillAsync(typed);
        await input.PressAsync("Tab");
        await Assertions.Expect(input).ToHaveValueAsync(typed);
        await AppFixture.ChooseAsync(bureau, bureau.Locator("[data-testid=supervision-hour]"), "09:00");
        var reason = $"请于 {typed} 前报送本季度超时工单的整改说明。";
        await bureau.Locator("textarea[data-testid=supervision-reason]").FillAsync(reason);
        await bureau.Locator("[data-testid=supervision-send]").ClickAsync();
        await bureau.GetByText("已发出督办").WaitForAsync();

        // Issued with that deadline: 09:00 on that day in China (01:00 UTC), shown back so in the list and on the notice.
        var notice = (await admin.GetFromJsonAsync<JsonObject>("/api/supervision?take=100"))!["items"]!.AsArray()
            .Single(n => n!["reason"]!.GetValue<string>() == reason)!;
        var deadline = DateTimeOffset.Parse(notice["deadline"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new DateTimeOffset(day.Year, day.Month, day.Day, 9, 0, 0, TimeSpan.FromHours(8)), deadline);
        var number = notice["number"]!.GetValue<string>();
        var row = bureau.Locator("[data-testid=supervision-list] tbody tr").Filter(new() { HasText = number });
        var shown = day.Year == DateTime.UtcNow.AddHours(8).Year ? day.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " 09:00" : $"{typed} 09:00";
        await Assertions.Expect(row).ToContainTextAsync(shown);
        await Assertions.Expect(row).ToContainTextAsync("数据局 · 数据局管理员");                                   // the issuer by name
        await bureau.GotoAsync($"/supervision/{number}");
        await WaitLiveAsync(bureau);
        await Assertions.Expect(bureau.Locator("[data-testid=supervision-deadline]")).ToHaveTextAsync($"{typed} 09:00");
        await Assertions.Expect(bureau.Locator("[data-testid=supervision-issuer]")).ToHaveTextAsync("数据局 · 数据局管理员");
    }

    [Fact]
    public async Task ACoordinatorSupervisesATicket_TheManagerAnswersInTheInbox_TheCoordinatorReturnsItOnce_AndAcceptsTheNewAnswer()
    {
        // A Nanning ticket of the demo enterprise (the seeding's own notice names one).
        using var admin = await app.ApiAsync();
        var seeded = (await admin.GetFromJsonAsync<JsonObject>("/api/supervision?take=50"))!["items"]!.AsArray();
        var ticket = seeded.First(n => n!["ticketNumber"] is not null)!["ticketNumber"]!.GetValue<string>();

        // The coordinator opens the ticket, takes 督办, and the form comes with the ticket filled in.
        var coordinator = await app.SignedInPageAsync("nanning@xinchuang.local", Demo);
        await coordinator.GotoAsync($"/tickets/{ticket}");
        await WaitLiveAsync(coordinator);
        await coordinator.Locator("[data-testid=ticket-supervise]").ClickAsync();
        await coordinator.WaitForURLAsync("**/supervision?ticket=*");
        await coordinator.Locator("[data-testid=supervision-issue]").WaitForAsync();
        await WaitLiveAsync(coordinator);
        await Assertions.Expect(coordinator.Locator("input[data-testid=supervision-ticket]")).ToHaveValueAsync(ticket);
        await coordinator.Locator("[data-testid=supervision-send]").ClickAsync();
        await Assertions.Expect(coordinator.Locator("[data-testid=supervision-error]")).ToContainTextAsync("请写明督办事由和要求");   // nothing sent without a reason
        await coordinator.Locator("textarea[data-testid=supervision-reason]").FillAsync("用户反映工程师未按约定时间到场，请于期限内到场处理并说明原因。");
        await coordinator.Locator("[data-testid=supervision-send]").ClickAsync();
        await coordinator.GetByText("已发出督办").WaitForAsync();
        var issued = (await admin.GetFromJsonAsync<JsonObject>($"/api/supervision?ticket={ticket}"))!["items"]!.AsArray()[0]!;
        var number = issued["number"]!.GetValue<string>();
        Assert.Equal("coordinator", issued["issuer"]!.GetValue<string>());
        var row = coordinator.Locator("[data-testid=supervision-list] tbody tr").Filter(new() { HasText = number });
        await Assertions.Expect(row.Locator("[data-testid=supervision-status]")).ToHaveTextAsync("待回复");
        await coordinator.ScreenshotAsync(new() { Path = Shot("supervision-list.png") });

        // The enterprise's manager answers in the inbox; an empty answer is refused by the form.
        var manager = await app.SignedInPageAsync("manager@xinchuang.local", Demo);
        await manager.GotoAsync("/inbox?view=All&kind=supervision.answer");
        await WaitLiveAsync(manager);
        var line = manager.Locator($"[data-testid=inbox] tbody tr[data-case='{number}']");
        await Assertions.Expect(line).ToHaveCountAsync(1);
        var task = (await line.GetAttributeAsync("data-testid"))!["row-".Length..];
        await manager.Locator($"[data-testid=open-{task}]").ClickAsync();
        var form = manager.Locator("[data-testid=open-task]");
        await Assertions.Expect(form.Locator("[data-testid=task-case-link]")).ToHaveAttributeAsync("href", $"/supervision/{number}");   // the notice, to read beside the form
        await form.Locator("[data-testid=field-answer] textarea").First.FillAsync("已于今日安排工程师到场，故障已排除；原因是工程师路线安排失误，已调整排班。");
        await manager.Keyboard.PressAsync("Tab");
        await Assertions.Expect(form.Locator("[data-testid=field-answer]")).ToContainTextAsync("37 / 4000");   // the page has the text
        await manager.WaitForTimeoutAsync(300);   // the label's float animation, for the screenshot
        await manager.ScreenshotAsync(new() { Path = Shot("supervision-answer.png") });
        await form.Locator("[data-testid=outcome-answer]").ClickAsync();
        await manager.GetByText("任务已完成").WaitForAsync();

        // The coordinator reads the answer on the notice's page, on time, with its history, and reviews it: a return
        // must say why; returned with a comment, the notice waits for a new answer.
        await coordinator.GotoAsync($"/supervision/{number}");
        await WaitLiveAsync(coordinator);
        await Assertions.Expect(coordinator.Locator("[data-testid=supervision-status]")).ToHaveTextAsync("已按期回复");
        await Assertions.Expect(coordinator.Locator("[data-testid=supervision-answer]")).ToContainTextAsync("已调整排班");
        await Assertions.Expect(coordinator.Locator("[data-testid=supervision-event]")).ToHaveCountAsync(2);
        var review = coordinator.Locator("[data-testid=supervision-review]");
        await review.Locator("[data-testid=supervision-return]").ClickAsync();
        await Assertions.Expect(review.Locator("[data-testid=supervision-review-error]")).ToContainTextAsync("退回时请写明原因");
        await review.Locator("textarea[data-testid=supervision-review-comment]").FillAsync("请补充到场签到记录，并说明排班调整后的值守安排。");
        await coordinator.WaitForTimeoutAsync(300);
        await coordinator.ScreenshotAsync(new() { Path = Shot("supervision-notice.png"), FullPage = true });
        await review.Locator("[data-testid=supervision-return]").ClickAsync();
        await Assertions.Expect(coordinator.Locator("[data-testid=supervision-status]")).ToHaveTextAsync("已退回重办");
        await Assertions.Expect(coordinator.Locator("[data-testid=supervision-returned]")).ToContainTextAsync("请补充到场签到记录");
        await Assertions.Expect(coordinator.Locator("[data-testid=supervision-review]")).ToHaveCountAsync(0);

        // The manager's new answer task carries the comment; answered again.
        await manager.GotoAsync("/inbox?view=All&kind=supervision.answer");
        await WaitLiveAsync(manager);
        await Assertions.Expect(line).ToHaveCountAsync(1);
        var again = (await line.GetAttributeAsync("data-testid"))!["row-".Length..];
        Assert.NotEqual(task, again);
        await manager.Locator($"[data-testid=open-{again}]").ClickAsync();
        await Assertions.Expect(form).ToContainTextAsync("请补充到场签到记录");
        await form.Locator("[data-testid=field-answer] textarea").First.FillAsync("已补充到场签到记录；周末另安排两名工程师值守。");
        await manager.Keyboard.PressAsync("Tab");
        await form.Locator("[data-testid=outcome-answer]").ClickAsync();
        await manager.GetByText("任务已完成").WaitForAsync();

        // The coordinator accepts: the notice is closed, every step in its history.
        await coordinator.GotoAsync($"/supervision/{number}");
        await WaitLiveAsync(coordinator);
        await Assertions.Expect(coordinator.Locator("[data-testid=supervision-answer]")).ToContainTextAsync("周末另安排两名工程师值守");
        await coordinator.Locator("[data-testid=supervision-accept]").ClickAsync();
        await Assertions.Expect(coordinator.Locator("[data-testid=supervision-status]")).ToHaveTextAsync("已办结");
        await Assertions.Expect(coordinator.Locator("[data-testid=supervision-closed]")).ToBeVisibleAsync();
        Assert.Equal(["supervision-issued", "supervision-answered", "supervision-returned", "supervision-answered", "supervision-accepted"],
            await coordinator.Locator("[data-testid=supervision-event]").EvaluateAllAsync<string[]>("es => es.map(e => e.dataset.kind)"));
        await coordinator.ScreenshotAsync(new() { Path = Shot("supervision-closed.png"), FullPage = true });

        // Liuzhou's coordinator does not see it.
        var liuzhou = await app.SignedInPageAsync("liuzhou@xinchuang.local", Demo);
        await liuzhou.GotoAsync($"/supervision/{number}");
        await Assertions.Expect(liuzhou.Locator("[data-testid=supervision-missing]")).ToBeVisibleAsync();
    }
}
