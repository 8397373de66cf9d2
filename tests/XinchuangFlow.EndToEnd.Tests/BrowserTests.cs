using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace XinchuangFlow.EndToEnd.Tests;

/// <summary>What a person sees in a real browser.</summary>
public class BrowserTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task SignIn_SeesChineseShellAndShippedDefinitions_CanSwitchToEnglish()
    {
        var page = await app.SignedInPageAsync();
        await page.GetByText("欢迎使用信创产品服务保障平台").WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "流程定义" }).ClickAsync();
        await page.Locator("[data-testid=definitions-table]").GetByText("演示：工单受理与超时提醒").WaitForAsync();   // a flow by its name
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.Artifacts, "definitions-zh.png"), FullPage = true });

        await page.Locator("[data-testid=language-switch]").ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Workflow definitions" }).WaitForAsync();
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
    }

    [Fact]
    public async Task TheInbox_OpensOnTheTeamsWork_WhenNothingIsTheUsersOwn_AndOnTheirOwnOtherwise()
    {
        // A demo account with nothing of its own but work offered to its team (read from the API, as the page counts).
        string? user = null;
        JsonObject counts = [];
        foreach (var login in new[] { "vendor@xinchuang.local", "nanning@xinchuang.local", "dispatcher@xinchuang.local" })
        {
            using var api = await app.ApiAsync(login, "Demo#2026xf");
            counts = (await api.GetFromJsonAsync<JsonObject>("/api/inbox/counts"))!;
            if (counts["mine"]!.GetValue<int>() == 0 && counts["team"]!.GetValue<int>() > 0) { user = login; break; }
        }
        Assert.True(user is not null, "a demo account has only its team's work");
        var page = await app.SignedInPageAsync(user!, "Demo#2026xf");
        await page.GotoAsync("/inbox");
        await AppFixture.WaitLiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=view-Team]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-button-filled"));
        await Assertions.Expect(page.Locator("[data-testid=view-Mine]")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-button-filled"));
        var rows = page.Locator("[data-testid=inbox] tbody tr[data-testid^=row-]");
        await Assertions.Expect(rows).ToHaveCountAsync(Math.Min(counts["team"]!.GetValue<int>(), 25));
        await Assertions.Expect(rows.First.Locator("button[data-testid^=claim-]")).ToBeVisibleAsync();     // the team's, to claim
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.Artifacts, "inbox-team-first.png") });

        // A technician with steps of their own lands on them.
        var tech = await app.SignedInPageAsync("tech@xinchuang.local", "Demo#2026xf");
        using (var api = await app.ApiAsync("tech@xinchuang.local", "Demo#2026xf"))
            Assert.True((await api.GetFromJsonAsync<JsonObject>("/api/inbox/counts"))!["mine"]!.GetValue<int>() > 0);
        await tech.GotoAsync("/inbox");
        await AppFixture.WaitLiveAsync(tech);
        await Assertions.Expect(tech.Locator("[data-testid=view-Mine]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-button-filled"));
    }

    [Fact]
    public async Task WrongPassword_StaysOnLoginWithMessage()
    {
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("input[name=email]", "admin@xinchuang.local");
        await page.FillAsync("input[name=password]", "wrong-password");
        await page.ClickAsync("button[type=submit]");
        await page.GetByRole(AriaRole.Alert).GetByText("邮箱或密码不正确").WaitForAsync();
        Assert.Contains("/login", page.Url);
    }

    [Fact]
    public async Task InstancePage_CancelWithConfirmation_ShowsCancelledAndJournal()
    {
        using var api = await app.ApiAsync();
        var started = await api.PostAsJsonAsync("/api/workflow-instances", new { definitionId = "demo-acceptance", input = new { title = "打印机无法打印" } });
        var id = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var page = await app.SignedInPageAsync();
        await page.GotoAsync($"/instances/{id}");
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        await page.Locator("[data-testid=tasks]").GetByText("受理：打印机无法打印").WaitForAsync();
        await page.Locator("[data-testid=cancel]").ClickAsync();
        await page.GetByText("确定取消此实例？").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "确定" }).ClickAsync();
        await page.Locator("[data-testid=status]").GetByText("已取消").WaitForAsync();
        await page.Locator("[data-testid=journal]").GetByText("实例取消").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.Artifacts, "instance-cancelled.png"), FullPage = true });

        var instance = (await api.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{id}"))!;
        Assert.Equal("Cancelled", instance["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task InstanceList_PagesThroughEveryInstance_NotJustTheFirstRows()
    {
        using var api = await app.ApiAsync();
        var already = (await api.GetFromJsonAsync<JsonObject>("/api/workflow-instances?take=1"))!["total"]!.GetValue<int>();
        for (var i = already; i < 60; i++)
            (await api.PostAsJsonAsync("/api/workflow-instances", new { definitionId = "demo-acceptance", input = new { title = $"分页测试 {i}" } })).EnsureSuccessStatusCode();
        var total = (await api.GetFromJsonAsync<JsonObject>("/api/workflow-instances?take=1"))!["total"]!.GetValue<int>();
        Assert.True(total > 50, $"only {total} instances");

        var page = await app.SignedInPageAsync();
        await page.GotoAsync("/instances");
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        var pager = page.Locator("[data-testid=instances-pager]");
        await pager.GetByText($"第 1–50 条，共 {total} 条").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.Artifacts, "instances.png") });
        await pager.Locator("button").Nth(2).ClickAsync();   // first, previous, next, last
        await pager.GetByText($"第 51–{Math.Min(100, total)} 条，共 {total} 条").WaitForAsync();
        Assert.Equal(Math.Min(50, total - 50), await page.Locator("[data-testid=instances-table] tbody tr").CountAsync());
    }

    [Fact]
    public async Task LoginPage_InputsHaveVisibleBorders()
    {
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        var border = await page.Locator("input[name=email]").EvaluateAsync<string>("e => getComputedStyle(e).borderTopStyle + ' ' + getComputedStyle(e).borderTopWidth + ' ' + getComputedStyle(e).borderTopColor");
        Assert.StartsWith("solid 1px", border);
        Assert.DoesNotContain("rgba(0, 0, 0, 0)", border);
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.Artifacts, "login.png") });
    }
}
