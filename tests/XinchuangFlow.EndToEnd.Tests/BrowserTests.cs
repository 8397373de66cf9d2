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
        await page.Locator("[data-testid=definitions-table]").GetByText("demo-acceptance").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.Artifacts, "definitions-zh.png"), FullPage = true });

        await page.Locator("[data-testid=language-switch]").ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Workflow definitions" }).WaitForAsync();
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
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
        using var api = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var login = await api.PostAsJsonAsync("/api/auth/login", new { email = "admin@xinchuang.local", password = "Admin#2026xf" });
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
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
}
