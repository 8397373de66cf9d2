using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace XinchuangFlow.EndToEnd.Tests;

/// <summary>
/// The browser's console stays clean (issue 21): the main pages of each role, opened in Chromium, log no error — no
/// script the Content-Security-Policy refuses, no request answered 4xx or 5xx (the icon included), no exception from the
/// diagram canvas, also after an activity is added in the designer and when a page with a canvas is left.
/// </summary>
public class ConsoleBrowserTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Demo = "Demo#2026xf";

    private static async Task VisitAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        try { await page.WaitForLoadStateAsync(LoadState.NetworkIdle); }
        catch (TimeoutException ex) { throw new TimeoutException($"{path} never went quiet on the network.", ex); }   // name the page that kept loading
        await page.WaitForTimeoutAsync(400);   // what a page logs just after it came alive
    }

    [Fact]
    public async Task TheMainPagesOfEachRole_LogNoErrorInTheConsole()
    {
        using var admin = await app.ApiAsync();
        var ticket = (await admin.GetFromJsonAsync<JsonObject>("/api/tickets?take=1"))!["items"]!.AsArray()[0]!;
        var (number, instance) = (ticket["number"]!.GetValue<string>(), ticket["instanceId"]!.GetValue<string>());

        var page = await app.SignedInPageAsync();
        await page.SetViewportSizeAsync(1440, 900);
        var problems = AppFixture.WatchForErrors(page);
        foreach (var path in new[]
                 {
                     "/", "/inbox", "/inbox?view=All", "/me", "/hotline", "/mailbox", "/rules", "/rules/sla", "/rules/escalation", "/rules/grading/4501",
                     "/rules/dispatch", "/rules/limits", "/workflows", "/workflows/service-ticket/history", "/workflows/service-ticket/heatmap",
                     "/instances", $"/instances/{instance}", $"/tickets/{number}", "/notifications", "/platforms", "/users", "/audit",
                 })
            await VisitAsync(page, path);

        // The designer: opened, an activity added (every node used to report a resize it could no longer take), left again.
        await VisitAsync(page, "/workflows/service-ticket/design");
        await page.Locator(".xf-toolbox-item[data-type='xf.Delay']").DblClickAsync();
        await page.Locator("[data-activity=delay1]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.WaitForTimeoutAsync(800);
        await page.Locator("[data-testid=undo]").ClickAsync();
        await page.Locator("[data-activity=delay1]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await page.WaitForTimeoutAsync(800);
        await VisitAsync(page, "/workflows");

        foreach (var (user, paths) in new[]
                 {
                     ("nanning@xinchuang.local", new[] { "/", "/inbox", "/rules/sla", "/rules/limits/sla" }),
                     ("dispatcher@xinchuang.local", new[] { "/inbox", "/hotline", $"/tickets/{number}" }),
                     ("unit@xinchuang.local", new[] { "/portal", "/portal/new", "/inbox" }),
                     ("tech@xinchuang.local", new[] { "/m" }),
                 })
        {
            var other = await app.SignedInPageAsync(user, Demo);
            var others = AppFixture.WatchForErrors(other);
            foreach (var path in paths) await VisitAsync(other, path);
            await other.Context.CloseAsync();
            problems.AddRange(others);
        }

        Assert.True(problems.Count == 0, "The console was not clean:\n" + string.Join("\n", problems.Distinct()));
    }
}
