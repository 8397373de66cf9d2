using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace XinchuangFlow.EndToEnd.Tests;

/// <summary>
/// A procurement unit's clerk in the portal (INT-1): files a request (every wrong field named; a double click files
/// one), reads the ticket number and the on-site promise, sees who comes and their phone, rates the fix, complains,
/// and follows the complaint to closure.
/// </summary>
public class PortalBrowserTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static ILocator Field(IPage page, string testId) =>
        page.Locator($":is(input,textarea)[data-testid='{testId}'], [data-testid='{testId}'] :is(input,textarea)").First;

    private static async Task Choose(IPage page, string testId, string option)
    {
        await page.Locator($"[data-testid={testId}]").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }

    /// <summary>A fresh browser asks for <paramref name="path"/>, signs in with a password that must be changed, and lands on the password form.</summary>
    private async Task<IPage> SignInToThePasswordFormAsync(string path, string email, string password)
    {
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.WaitForURLAsync("**/login**");
        await page.FillAsync("input[name=email]", email);
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/account/password**");
        return page;
    }

    private static async Task FillThePasswordFormAsync(IPage page, string current, string fresh, string confirm)
    {
        await page.FillAsync("input[name=current]", current);
        await page.FillAsync("input[name=password]", fresh);
        await page.FillAsync("input[name=confirm]", confirm);
    }

    private static async Task<JsonArray> OpenTasksAsync(HttpClient api, string instance) =>
        (await api.GetFromJsonAsync<JsonObject>($"/api/tasks?instanceId={instance}&status=Open"))!["items"]!.AsArray();

    private static async Task CompleteAsync(HttpClient api, string instance, string activity, string outcome, JsonObject data)
    {
        var task = (await OpenTasksAsync(api, instance)).First(t => t!["activityId"]!.GetValue<string>() == activity)!;
        (await api.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new JsonObject { ["outcome"] = outcome, ["data"] = data })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task AUnitFilesARequest_RatesTheFix_Complains_AndSeesTheComplaintClosed()
    {
        var page = await app.SignedInPageAsync("unit@xinchuang.local", "Demo#2026xf");
        await page.GotoAsync("/portal");
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        await page.Locator("[data-testid=portal-new]").ClickAsync();
        await page.WaitForURLAsync("**/portal/new", new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        // The unit's place is filled in; the clerk forgets the title and the description: both are named.
        await Assertions.Expect(page.Locator("[data-testid=f-county]")).ToContainTextAsync("区");
        await Field(page, "f-contactName").FillAsync("黄科长");
        await Field(page, "f-contactPhone").FillAsync("0771-5550123");
        await Choose(page, "f-category", "终端");
        await page.Locator("[data-testid=portal-submit]").ClickAsync();
        await page.Locator("[data-testid=portal-errors]").WaitForAsync();
        ILocator Control(string testId) => page.Locator(".mud-input-control").Filter(new() { Has = page.Locator($"[data-testid={testId}]") });
        await Assertions.Expect(Control("f-title")).ToContainTextAsync("请填写标题");
        await Assertions.Expect(Control("f-description")).ToContainTextAsync("请填写问题描述");
        await Assertions.Expect(Control("f-contactName")).Not.ToContainTextAsync("contact");

        var title = $"门户报修：统信终端无法开机 {Guid.NewGuid():N}"[..30];
        await Field(page, "f-title").FillAsync(title);
        await Field(page, "f-description").FillAsync("按电源键无反应，指示灯不亮。");
        await Field(page, "f-model").FillAsync("UT-6000");
        await Field(page, "f-serial").FillAsync("SN20260001");
        await Field(page, "f-os").FillAsync("统信UOS 20");
        var photo = Path.Combine(Path.GetTempPath(), $"screen-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(photo, Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="));
        await page.Locator("[data-testid=f-files]").SetInputFilesAsync(photo);
        await Assertions.Expect(page.Locator("[data-testid=f-file-names]")).ToContainTextAsync(".png");
        await page.Locator("[data-testid=portal-submit]").DblClickAsync();      // an impatient double click
        await page.Locator("[data-testid=portal-created]").WaitForAsync();
        var created = await page.Locator("[data-testid=portal-created]").InnerTextAsync();
        var number = System.Text.RegularExpressions.Regex.Match(created, @"GX-\d{4}-\d{8}-\d{5}").Value;
        Assert.False(string.IsNullOrEmpty(number), created);
        await Assertions.Expect(page.Locator("[data-testid=portal-created-promise]")).ToContainTextAsync("到场");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.Artifacts, "portal-created.png"), FullPage = true });

        using var admin = await app.ApiAsync();
        var mine = (await admin.GetFromJsonAsync<JsonObject>($"/api/tickets?search={Uri.EscapeDataString(title)}"))!["items"]!.AsArray();
        Assert.Single(mine);                                                     // one ticket for the double click
        var detail = (await admin.GetFromJsonAsync<JsonObject>($"/api/tickets/{number}"))!["ticket"]!;
        Assert.Equal("portal", detail["channel"]!.GetValue<string>());
        Assert.Single((await admin.GetFromJsonAsync<JsonArray>($"/api/tickets/{number}/attachments"))!);
        var instance = detail["instanceId"]!.GetValue<string>();

        // The work is done (a Nanning technician accepts, checks in and resolves).
        if ((await OpenTasksAsync(admin, instance)).Any(t => t!["activityId"]!.GetValue<string>() == "manualDispatch"))
            await CompleteAsync(admin, instance, "manualDispatch", "dispatch", new JsonObject { ["technicianUser"] = "tech@xinchuang.local", ["reason"] = "测试" });
        await CompleteAsync(admin, instance, "accept", "accept", new JsonObject());
        var technician = (await admin.GetFromJsonAsync<JsonObject>($"/api/tickets/{number}"))!["ticket"]!;

        // The unit sees who comes, how to call them and by when.
        await page.GotoAsync("/portal");
        var row = page.Locator($"[data-testid=request-{number}]");
        await Assertions.Expect(row.Locator("[data-testid=state]")).ToHaveTextAsync("已接单");
        await Assertions.Expect(row.Locator("[data-testid=technician]")).ToContainTextAsync(technician["technicianName"]!.GetValue<string>());
        await Assertions.Expect(row.Locator("[data-testid=technician] a[href^='tel:']")).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("[data-testid=promise]")).ToContainTextAsync("前到场");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.Artifacts, "portal-requests.png"), FullPage = true });

        await CompleteAsync(admin, instance, "handle", "checkIn", new JsonObject { ["location"] = "财政局三楼" });
        await CompleteAsync(admin, instance, "resolveTask", "resolved", new JsonObject { ["resolution"] = "更换电源模块，开机正常。", ["confirmedBy"] = "黄科长" });

        // Confirm and rate: 2 stars need a comment.
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        await row.Locator("[data-testid=rate]").ClickAsync();
        await page.WaitForURLAsync($"**/tickets/{number}", new() { WaitUntil = WaitUntilState.Commit });   // Blazor navigates without a load event
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        await Choose(page, "field-satisfaction", "2 · 不满意");
        await page.Locator("[data-testid=outcome-submit]").ClickAsync();
        await page.Locator("[data-testid=task-form]").GetByText("comment").Or(page.Locator("[data-testid=task-form]").GetByText("意见")).First.WaitForAsync();
        await Field(page, "field-comment").FillAsync("第二天又出现同样问题");
        await page.Locator("[data-testid=outcome-submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=task-form]")).ToHaveCountAsync(0);

        // A complaint on the ticket, followed to closure.
        await page.GotoAsync($"/portal/complaint?ticket={number}");
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        await Choose(page, "c-category", "处理质量");
        await Field(page, "c-description").FillAsync("修好后第二天又坏了，要求彻底处理。");
        await page.Locator("[data-testid=c-submit]").DblClickAsync();
        await page.WaitForURLAsync("**/complaints/*", new() { WaitUntil = WaitUntilState.Commit });
        var complaintId = page.Url.Split('/')[^1];
        await Assertions.Expect(page.Locator("[data-testid=complaint-status]")).ToHaveTextAsync("企业处理中");
        var complaint = (await admin.GetFromJsonAsync<JsonObject>($"/api/complaints/{complaintId}"))!;
        var complaintInstance = (complaint["complaint"] ?? complaint)!["instanceId"]!.GetValue<string>();
        await CompleteAsync(admin, complaintInstance, "handleTask", "respond", new JsonObject { ["response"] = "已派高级工程师上门更换主板。" });
        await CompleteAsync(admin, complaintInstance, "reviewTask", "approve", new JsonObject { ["opinion"] = "处理得当" });
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.Locator("[data-testid=complaint-status]")).ToHaveTextAsync("待您确认");
        await page.Locator("[data-testid=outcome-satisfied]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=complaint-status]")).ToHaveTextAsync("已办结");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.Artifacts, "portal-complaint-closed.png"), FullPage = true });

        await page.GotoAsync("/portal");
        await Assertions.Expect(page.Locator("[data-testid=portal-complaints]")).ToContainTextAsync("已办结");
        var complaints = (await admin.GetFromJsonAsync<JsonObject>($"/api/complaints/{complaintId}"))!;
        Assert.NotNull(complaints);
    }

    [Fact]
    public async Task TheHotlineDesk_RecordsACall_ThenAddsTheRepeatedCallToTheSameTicket()
    {
        var page = await app.SignedInPageAsync("dispatcher@xinchuang.local", "Demo#2026xf");
        await page.GotoAsync("/hotline");
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        await Field(page, "hotline-search").FillAsync("南宁市财政");
        await page.Locator("[data-testid='unit-南宁市财政局']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=hotline-unit]")).ToHaveTextAsync("南宁市财政局");
        // Contact and place come from the unit's last request; the caller gives a new number.
        await Assertions.Expect(Field(page, "h-contactName")).Not.ToHaveValueAsync("");
        var phone = $"0771-{Random.Shared.Next(1000000, 9999999)}";
        await Field(page, "h-contactPhone").FillAsync(phone);
        await Choose(page, "h-category", "外设");
        await Field(page, "h-title").FillAsync("热线：打印机卡纸无法打印");
        await Field(page, "h-description").FillAsync("来电称财务科打印机卡纸，取出后仍无法打印。");
        await page.Locator("[data-testid=h-submit]").DblClickAsync();
        await page.Locator("[data-testid=hotline-created]").WaitForAsync();
        var number = System.Text.RegularExpressions.Regex.Match(await page.Locator("[data-testid=hotline-created]").InnerTextAsync(), @"GX-\d{4}-\d{8}-\d{5}").Value;
        using var admin = await app.ApiAsync();
        var ticket = (await admin.GetFromJsonAsync<JsonObject>($"/api/tickets/{number}"))!["ticket"]!;
        Assert.Equal("hotline", ticket["channel"]!.GetValue<string>());
        Assert.Equal("南宁市财政局", ticket["procurementUnit"]!.GetValue<string>());
        Assert.Single((await admin.GetFromJsonAsync<JsonObject>("/api/tickets?search=" + Uri.EscapeDataString("热线：打印机卡纸无法打印")))!["items"]!.AsArray());   // one for the double click
        // The ticket just filed is in the unit's list at once, at its top, and its row links to the ticket's page.
        await Assertions.Expect(page.Locator("[data-testid^=unit-ticket-]").First).ToHaveAttributeAsync("data-testid", $"unit-ticket-{number}");
        await Assertions.Expect(page.Locator($"[data-testid=unit-ticket-link-{number}]")).ToHaveAttributeAsync("href", $"/tickets/{number}");

        // The same caller rings again: found by the number, the open ticket is at the top; the call goes to its history.
        await page.Locator("[data-testid=hotline-other]").ClickAsync();
        await Field(page, "hotline-search").FillAsync(phone);
        await page.Locator("[data-testid='unit-南宁市财政局']").ClickAsync();
        var first = page.Locator("[data-testid^=unit-ticket-]").First;
        await Assertions.Expect(first).ToHaveAttributeAsync("data-testid", $"unit-ticket-{number}");
        await Assertions.Expect(Field(page, "h-contactPhone")).ToHaveValueAsync(phone);
        await Field(page, $"call-note-{number}").FillAsync("用户催问工程师何时到");
        await page.Locator($"[data-testid=call-link-{number}]").ClickAsync();
        await page.GetByText($"来电已记入工单 {number}").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.Artifacts, "hotline-desk.png"), FullPage = true });
        var history = (await admin.GetFromJsonAsync<JsonObject>($"/api/tickets/{number}"))!["history"]!.AsArray();
        Assert.Contains(history, e => e!["kind"]!.GetValue<string>() == "call" && e["note"]!.GetValue<string>().Contains("用户催问工程师何时到"));

        // The desk is not a unit's: the page is not opened for them.
        var unit = await app.SignedInPageAsync("unit@xinchuang.local", "Demo#2026xf");
        await unit.GotoAsync("/hotline");
        await unit.Locator("[data-testid=no-access]").WaitForAsync();
    }

    [Fact]
    public async Task AUserChoosesSms_WithANumber_AndOnlyAdministratorsReadTheDeliveryLog()
    {
        var page = await app.SignedInPageAsync("nanning@xinchuang.local", "Demo#2026xf");
        await page.GotoAsync("/me");
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        await Field(page, "me-phone").FillAsync("");
        await Field(page, "me-by-sms").CheckAsync();
        await page.Locator("[data-testid=me-save]").ClickAsync();
        await page.GetByText("请填写手机号码").First.WaitForAsync();    // refused with the reason, in Chinese
        await Field(page, "me-phone").FillAsync("13977100001");
        await page.Locator("[data-testid=me-save]").ClickAsync();
        await page.GetByText("通知设置已保存").WaitForAsync();
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(Field(page, "me-phone")).ToHaveValueAsync("13977100001");
        await Assertions.Expect(Field(page, "me-by-sms")).ToBeCheckedAsync();
        // The change is audited from where it was made (the browser's address, though it went through the circuit), the number masked.
        using (var bureau = await app.ApiAsync())
        {
            var line = (await bureau.GetFromJsonAsync<JsonObject>("/api/audit?kind=user&id=nanning@xinchuang.local&action=contact"))!["items"]!.AsArray()[0]!;
            Assert.Equal("127.0.0.1", line["address"]!.GetValue<string>());
            Assert.Contains("phone=*******0001", line["after"]!.GetValue<string>());
            Assert.DoesNotContain("13977100001", line["after"]!.GetValue<string>());
        }

        await page.GotoAsync("/notifications");
        await page.Locator("[data-testid=no-access]").WaitForAsync();
        var admin = await app.SignedInPageAsync();
        await admin.GotoAsync("/notifications");
        await admin.Locator("[data-testid=delivery-log]").WaitForAsync();
        using var api = await app.ApiAsync("tech@xinchuang.local", "Demo#2026xf");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await api.GetAsync("/api/deliveries")).StatusCode);

        // The Data Bureau issues a key for another platform (shown once), the platform uses it, the key is revoked.
        await admin.GotoAsync("/platforms");
        await admin.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        await Field(admin, "platform-name").FillAsync("广西政务服务平台");
        await admin.Locator("[data-testid=platform-issue]").ClickAsync();
        var key = (await admin.Locator("[data-testid=platform-key] code").InnerTextAsync()).Trim();
        Assert.StartsWith("xfk_", key);
        using var platform = app.CreateClient();
        platform.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await platform.GetAsync("/api/tickets")).StatusCode);
        await admin.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.Artifacts, "platform-keys.png"), FullPage = true });
        await admin.Locator($"[data-testid=revoke-{key[4..12]}]").ClickAsync();
        await Assertions.Expect(admin.Locator($"[data-testid=platform-{key[4..12]}]")).ToContainTextAsync("已吊销");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await platform.GetAsync("/api/tickets")).StatusCode);

        // A key for an enterprise's own service desk: it reports that enterprise's service data and reads nothing else.
        using var bureauApi = await app.ApiAsync();
        var enterprise = (await bureauApi.GetFromJsonAsync<JsonArray>("/api/enterprises"))!.First(e => e!["kind"]!.ToString() is "Integrator" or "integrator")!;
        var enterpriseName = enterprise["name"]!.GetValue<string>();
        await Field(admin, "platform-name").FillAsync("企业自有服务台");
        await admin.Locator(".mud-input-control:has([data-testid=platform-enterprise])").ClickAsync();
        await admin.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = enterpriseName }).First.ClickAsync();
        // Chosen before the key is issued (the choice goes to the server first).
        await Assertions.Expect(admin.Locator(".mud-input-control:has([data-testid=platform-enterprise]) input").First).ToHaveValueAsync(enterprise["id"]!.GetValue<string>());
        await admin.Locator("[data-testid=platform-issue]").ClickAsync();
        var enterpriseKey = (await admin.Locator("[data-testid=platform-key] code").InnerTextAsync()).Trim();
        await Assertions.Expect(admin.Locator($"[data-testid=platform-{enterpriseKey[4..12]}]")).ToContainTextAsync(enterpriseName);
        using var desk = app.CreateClient();
        desk.DefaultRequestHeaders.Add("X-Api-Key", enterpriseKey);
        var batch = await desk.PostAsJsonAsync("/api/exchange/v1/batches", new JsonObject
        {
            ["standard"] = "v1",
            ["records"] = new JsonArray(new JsonObject
            {
                ["type"] = "ticket", ["enterprise"] = enterprise["id"]!.GetValue<string>(), ["externalId"] = "DESK-0001", ["createdAt"] = DateTimeOffset.UtcNow.AddHours(-3).ToString("O"),
                ["channel"] = "hotline", ["procurementUnit"] = "南宁市财政局", ["cityCode"] = "4501", ["countyCode"] = "450102", ["productCategory"] = "terminal", ["title"] = "终端无法开机",
            }),
        });
        Assert.Equal(System.Net.HttpStatusCode.OK, batch.StatusCode);
        Assert.Equal(1, (await batch.Content.ReadFromJsonAsync<JsonObject>())!["stored"]!.GetValue<int>());
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await desk.GetAsync("/api/tickets")).StatusCode);
        await admin.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.Artifacts, "platform-keys.png"), FullPage = true });
        await page.GotoAsync("/platforms");
        await page.Locator("[data-testid=no-access]").WaitForAsync();
    }

    [Fact]
    public async Task TheDeskTriagesTheServiceMailbox_FilesAnUnknownSendersRequest_AndSetsSpamAside()
    {
        var page = await app.SignedInPageAsync("dispatcher@xinchuang.local", "Demo#2026xf");
        await page.GotoAsync("/mailbox");
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        // Two mails from unknown addresses wait; the demo unit's own mail became a ticket by itself.
        var rows = page.Locator("[data-testid=mailbox-list] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=mailbox-list]")).ToContainTextAsync("发件地址不属于任何采购单位用户");
        await rows.Filter(new() { HasText = "办公电脑连接不上打印机" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=mail-text]")).ToContainTextAsync("提示找不到驱动");
        await Assertions.Expect(page.Locator("[data-testid=mail-file]")).ToBeDisabledAsync();   // no unit chosen yet
        await Field(page, "mail-unit-search").FillAsync("南宁市财政");
        await page.Locator("[data-testid='mail-unit-南宁市财政局']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=mail-file]")).ToContainTextAsync("为「南宁市财政局」登记工单");
        await Assertions.Expect(page.Locator("[data-testid=mail-file]")).ToBeEnabledAsync();
        await page.WaitForTimeoutAsync(400);   // the buttons' colour transition, for the screenshot
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.Artifacts, "mailbox.png"), FullPage = true });
        await page.Locator("[data-testid=mail-file]").ClickAsync();
        await page.GetByText("已登记工单").WaitForAsync();
        // No mail server is configured here: the desk is told the sender was not answered, not that they were.
        await Assertions.Expect(page.Locator("[data-testid=mail-answer]")).ToHaveAttributeAsync("data-state", "no-server");
        await Assertions.Expect(page.Locator("[data-testid=mail-answer]")).ToContainTextAsync("未配置邮件服务器");
        Assert.DoesNotContain("已回复发件人", await page.Locator(".mud-snackbar").First.InnerTextAsync());
        var number = System.Text.RegularExpressions.Regex.Match(await page.Locator("[data-testid=mail-detail]").InnerTextAsync() + await page.Locator(".mud-snackbar").First.InnerTextAsync(), @"GX-\d{4}-\d{8}-\d{5}").Value;
        Assert.NotEqual("", number);
        using var admin = await app.ApiAsync();
        var ticket = (await admin.GetFromJsonAsync<JsonObject>($"/api/tickets/{number}"))!["ticket"]!;
        Assert.Equal(("email", "南宁市财政局", "zhang.san@gxjy.example"), (ticket["channel"]!.GetValue<string>(), ticket["procurementUnit"]!.GetValue<string>(), ticket["contactEmail"]!.GetValue<string>()));

        // The spam: no reason, no dismissal; with one, it leaves the queue and stays in the log.
        await rows.Filter(new() { HasText = "优惠代开发票" }).ClickAsync();
        await page.Locator("[data-testid=mail-dismiss]").ClickAsync();
        await page.GetByText("请说明忽略的原因").WaitForAsync();
        await Field(page, "mail-dismiss-reason").FillAsync("广告邮件");
        await page.Locator("[data-testid=mail-dismiss]").ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(0);
        await page.Locator("[data-testid=mailbox-filter-all]").ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(rows.Filter(new() { HasText = "优惠代开发票" })).ToContainTextAsync("已忽略");
        await Assertions.Expect(rows.Filter(new() { HasText = "三楼会议室" })).ToContainTextAsync("已生成工单");
        await rows.Filter(new() { HasText = "办公电脑连接不上打印机" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=mail-resolved]")).ToContainTextAsync("调度员（演示）");
        await Assertions.Expect(page.Locator("[data-testid=mail-resolved]")).Not.ToContainTextAsync("@xinchuang.local");     // a person by name, never by login
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.Artifacts, "mailbox-log.png"), FullPage = true });

        // An integrator's dispatcher sees the mail of its units, not the regional desk's; a unit's user has no mailbox.
        var integrator = await app.SignedInPageAsync("integrator@xinchuang.local", "Demo#2026xf");
        await integrator.GotoAsync("/mailbox");
        await integrator.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        await integrator.Locator("[data-testid=mailbox-filter-all]").ClickAsync();
        await Assertions.Expect(integrator.Locator("[data-testid=mailbox-list] tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(integrator.Locator("[data-testid=mailbox-list] tbody tr")).ToContainTextAsync("三楼会议室");
        var unit = await app.SignedInPageAsync("unit@xinchuang.local", "Demo#2026xf");
        await unit.GotoAsync("/mailbox");
        await unit.Locator("[data-testid=no-access]").WaitForAsync();
    }

    [Fact]
    public async Task TheDataBureau_FindsEveryActionOnATicketInTheAuditTrail_AndVerifiesTheChain()
    {
        using var api = await app.ApiAsync();
        var number = (await api.GetFromJsonAsync<JsonObject>("/api/tickets?take=1"))!["items"]!.AsArray()[0]!["number"]!.GetValue<string>();
        var page = await app.SignedInPageAsync();
        await page.GotoAsync("/audit");
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        await Field(page, "audit-id").FillAsync(number);
        await page.Locator("[data-testid=audit-search]").ClickAsync();
        var rows = page.Locator("[data-testid=audit-lines] tbody tr");
        var expected = (await api.GetFromJsonAsync<JsonObject>($"/api/audit?id={number}"))!["total"]!.GetValue<int>();
        Assert.True(expected >= 2, $"{expected} lines");
        await Assertions.Expect(rows).ToHaveCountAsync(expected);
        await Assertions.Expect(rows.Filter(new() { HasText = number })).ToHaveCountAsync(expected);
        await page.Locator("[data-testid=audit-verify]").ClickAsync();
        // Sealing the demo's two thousand lines and walking the chain takes seconds on a busy machine.
        await Assertions.Expect(page.Locator("[data-testid=audit-verification]")).ToContainTextAsync("哈希链完整", new() { Timeout = 60_000 });
        await Assertions.Expect(rows.First).ToContainTextAsync("#");             // sealed: its place in the chain is shown
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.Artifacts, "audit.png"), FullPage = false });
        var unit = await app.SignedInPageAsync("unit@xinchuang.local", "Demo#2026xf");
        await unit.GotoAsync("/audit");
        await unit.Locator("[data-testid=no-access]").WaitForAsync();
    }

    [Fact]
    public async Task AUserWhosePasswordExpired_SetsANewOneAtSignIn_AndGoesOnToTheirPage()
    {
        const string email = "expired.user@xinchuang.local", old = "Old#Pass2026x", fresh = "New#Pass2026y";
        using (var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(app.Services))
        {
            var users = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<
                Microsoft.AspNetCore.Identity.UserManager<XinchuangFlow.Infrastructure.Persistence.AppUser>>(scope.ServiceProvider);
            var user = new XinchuangFlow.Infrastructure.Persistence.AppUser
            {
                UserName = email, Email = email, EmailConfirmed = true, DisplayName = "到期用户", PasswordChangedAt = DateTimeOffset.UtcNow.AddDays(-120),
            };
            Assert.True((await users.CreateAsync(user, old)).Succeeded);
            await users.AddToRoleAsync(user, XinchuangFlow.Application.Access.Roles.Technician);
        }
        // Not into the platform: to the password form, which says why and keeps the e-mail.
        var page = await SignInToThePasswordFormAsync("/inbox", email, old);
        await Assertions.Expect(page.Locator("[data-testid=password-message]")).ToContainTextAsync("已超过 90 天未修改");
        await Assertions.Expect(page.Locator("input[name=email]")).ToHaveValueAsync(email);
        await FillThePasswordFormAsync(page, old, fresh, fresh + "!");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.Artifacts, "change-password.png") });
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=password-message]")).ToContainTextAsync("两次输入的新密码不一致");
        await FillThePasswordFormAsync(page, old, fresh, fresh);
        await page.ClickAsync("button[type=submit]");
        // Signed in with the new password and on to the page they asked for.
        await page.WaitForURLAsync("**/inbox");
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        await page.Context.CloseAsync();
        var again = await app.SignedInPageAsync(email, fresh);
        await again.Locator("[data-testid=change-password]").WaitForAsync();   // the way back to the form, for a voluntary change
        await again.Context.CloseAsync();
    }

    [Fact]
    public async Task TheBureauOpensAUnitsAccount_TheNewUserSetsTheirPassword_AndFilesForTheirUnit_ThenTheAccountIsDisabled()
    {
        const string email = "cai.kuaiji@nnczj.gov.cn", own = "Kuaiji#2026nn";
        var admin = await app.SignedInPageAsync();
        await admin.GotoAsync("/users");
        await admin.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        await Field(admin, "u-email").FillAsync(email);
        await Field(admin, "u-name").FillAsync("蔡会计");
        await Choose(admin, "u-role", "采购单位用户");
        await Field(admin, "u-unit").FillAsync("南宁市财政");
        await admin.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "南宁市财政局" }).First.ClickAsync();
        // The list may open again on the chosen name; close it so it covers nothing.
        if (await admin.Locator(".mud-popover-open .mud-list-item").CountAsync() > 0) await admin.Keyboard.PressAsync("Escape");
        await Assertions.Expect(admin.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await Assertions.Expect(Field(admin, "u-unit")).ToHaveValueAsync("南宁市财政局");
        await admin.Locator("[data-testid=u-create]").ClickAsync();
        var temporary = (await admin.Locator("[data-testid=users-temp-password] code").InnerTextAsync()).Trim();
        Assert.Equal(14, temporary.Length);
        var row = admin.Locator($"[data-testid='user-{email}']");
        await Assertions.Expect(row).ToContainTextAsync("南宁市财政局");
        await Assertions.Expect(row).ToContainTextAsync("待首次修改");
        await admin.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.Artifacts, "users.png") });

        // The new user signs in with the temporary password, must set their own, and is then in the unit's portal.
        var page = await SignInToThePasswordFormAsync("/portal/new", email, temporary);
        await FillThePasswordFormAsync(page, temporary, own, own);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/portal/new");
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.GetByText("南宁市财政局").First).ToBeVisibleAsync();       // the form is for their own unit

        // Disabled by the Bureau while the user's page is open: the open page is signed out (it re-checks its session
        // every few seconds here, Security:CircuitCheckSeconds) and the right password no longer opens anything.
        await row.Locator($"[data-testid='disable-{email}']").ClickAsync();
        await admin.Locator(".mud-dialog").GetByText(email).First.WaitForAsync();          // asked first, naming the account
        await admin.Locator(".mud-dialog button:has-text('确定')").ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("已停用");
        await page.WaitForURLAsync("**/login**", new() { Timeout = 30_000 });
        await page.GotoAsync("/portal");
        await page.WaitForURLAsync("**/login**");
        await page.Context.CloseAsync();
        var again = await (await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl })).NewPageAsync();
        await again.GotoAsync("/login");
        await again.FillAsync("input[name=email]", email);
        await again.FillAsync("input[name=password]", own);
        await again.ClickAsync("button[type=submit]");
        await again.WaitForURLAsync("**/login?error=invalid**");
        await again.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }
}
