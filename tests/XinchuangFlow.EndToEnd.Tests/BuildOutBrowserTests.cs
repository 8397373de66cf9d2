using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace XinchuangFlow.EndToEnd.Tests;

/// <summary>
/// The build-out evaluation in the browser (ASM-4): the demo enterprise's manager finds its evaluation under way, writes
/// the remaining items beside the figures the platform measured, adds evidence and submits; the Data Bureau sees it
/// waiting in the list, scores each item and confirms; the result and its band show to both, with every step in the history.
/// </summary>
public class BuildOutBrowserTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Demo = "Demo#2026xf";
    private static string Shot(string name) => Path.Combine(AppFixture.Artifacts, name);

    [Fact]
    public async Task TheManagerFillsInAndSubmits_TheBureauScoresAndConfirms_AndTheResultShows()
    {
        using var api = await app.ApiAsync("manager@xinchuang.local", Demo);
        var own = Assert.Single((await api.GetFromJsonAsync<JsonArray>("/api/buildout"))!)!;
        var (enterpriseId, name) = (own["enterpriseId"]!.GetValue<string>(), own["enterpriseName"]!.GetValue<string>());
        Assert.Equal("filling", own["evaluation"]!["status"]!.GetValue<string>());

        // The manager: the list shows its own enterprise only, 自评中; the page shows the measured figures in words.
        var manager = await app.SignedInPageAsync("manager@xinchuang.local", Demo);
        var errors = AppFixture.WatchForErrors(manager);
        await manager.GotoAsync("/buildout");
        await AppFixture.WaitLiveAsync(manager);
        await Assertions.Expect(manager.Locator("[data-testid=buildout-row]")).ToHaveTextAsync([name]);
        await Assertions.Expect(manager.Locator("[data-testid=buildout-status]")).ToHaveTextAsync("自评中");
        await manager.Locator("[data-testid=buildout-row]").ClickAsync();
        await manager.WaitForURLAsync($"**/buildout/{enterpriseId}");
        await AppFixture.WaitLiveAsync(manager);
        await Assertions.Expect(manager.Locator("[data-testid=buildout-measure-network]")).ToContainTextAsync("个县区有持证在岗工程师的服务网点");
        await Assertions.Expect(manager.Locator("[data-testid=buildout-measure-knowledge]")).ToContainTextAsync("已发布知识文章");

        // Submitting too early names the items still unwritten.
        await manager.Locator("[data-testid=buildout-submit]").ClickAsync();
        await Assertions.Expect(manager.Locator("[data-testid=buildout-error-network]")).ToContainTextAsync("服务网络覆盖到县");

        foreach (var (code, text) in new[]
                 {
                     ("network", "14 个设区市均有自有网点，偏远县区由邻县网点驻点覆盖，驻点名单见附件。"),
                     ("platform", "企业服务平台已按数据交换标准对接，每日报送工单数据。"),
                     ("training", "本年度组织 3 期信创产品培训，在岗工程师均已持证。"),
                     ("knowledge", "已向平台知识库提交典型故障处理文章，持续更新。"),
                 })
        {
            await AppFixture.Field(manager, $"buildout-text-{code}").FillAsync(text);
            await manager.Locator($"[data-testid=buildout-save-{code}]").ClickAsync();
            await Assertions.Expect(manager.Locator($"[data-testid=buildout-error-{code}]")).ToHaveCountAsync(0);
        }
        await manager.Locator("[data-testid=buildout-upload-system]").SetInputFilesAsync(new FilePayload
        {
            Name = "服务管理制度.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"u8.ToArray(),
        });
        await Assertions.Expect(manager.Locator("[data-testid=buildout-item-system] [data-testid=buildout-evidence]")).ToContainTextAsync("服务管理制度.pdf");
        // Viewport shots (a full-page one draws the fixed header mid-page): the item with its figures in view.
        await manager.EvaluateAsync("() => document.querySelector('[data-testid=buildout-item-network]').scrollIntoView({ block: 'start' }) || window.scrollBy(0, -64)");
        await manager.ScreenshotAsync(new() { Path = Shot("buildout-self-assessment.png") });
        await manager.Locator("[data-testid=buildout-submit]").ClickAsync();
        await Assertions.Expect(manager.Locator("[data-testid=buildout-status]")).ToHaveTextAsync("已提交");
        await Assertions.Expect(manager.Locator("[data-testid=buildout-waiting]")).ToBeVisibleAsync();

        // The Data Bureau: both submitted evaluations wait in the list; it scores each item of this one and confirms.
        var bureau = await app.SignedInPageAsync();
        await bureau.GotoAsync("/buildout");
        await AppFixture.WaitLiveAsync(bureau);
        var row = bureau.Locator("[data-testid=buildout-list] tbody tr").Filter(new() { HasText = name });
        await Assertions.Expect(row.Locator("[data-testid=buildout-status]")).ToHaveTextAsync("已提交");
        await bureau.ScreenshotAsync(new() { Path = Shot("buildout-list.png") });
        await row.Locator("[data-testid=buildout-row]").ClickAsync();
        await bureau.WaitForURLAsync($"**/buildout/{enterpriseId}");
        await AppFixture.WaitLiveAsync(bureau);
        await Assertions.Expect(bureau.Locator("[data-testid=buildout-self-network]")).ToContainTextAsync("14 个设区市");
        foreach (var (code, points) in new[] { ("entry", "14"), ("system", "13"), ("network", "20"), ("platform", "12"), ("training", "13"), ("knowledge", "10") })
        {
            await AppFixture.Field(bureau, $"buildout-points-{code}").FillAsync(points);
            await bureau.Locator($"[data-testid=buildout-score-save-{code}]").ClickAsync();
            await Assertions.Expect(bureau.Locator($"[data-testid=buildout-score-{code}]")).ToContainTextAsync($"{points} / ");
        }
        await AppFixture.Field(bureau, "buildout-review-comment").FillAsync("网络覆盖和持证情况良好，知识库贡献需加强。");
        await bureau.EvaluateAsync("() => document.querySelector('[data-testid=buildout-item-network]').scrollIntoView({ block: 'start' }) || window.scrollBy(0, -64)");
        await bureau.ScreenshotAsync(new() { Path = Shot("buildout-review.png") });
        await bureau.Locator("[data-testid=buildout-confirm]").ClickAsync();

        // 14 + 13 + 20 + 12 + 13 + 10 = 82 → 合格: the result shows, with every step in the history, people by name.
        await Assertions.Expect(bureau.Locator("[data-testid=buildout-result]")).ToContainTextAsync("82 分，合格");
        await Assertions.Expect(bureau.Locator("[data-testid=buildout-status]")).ToHaveTextAsync("已复核");
        await manager.ReloadAsync();
        await AppFixture.WaitLiveAsync(manager);
        await Assertions.Expect(manager.Locator("[data-testid=buildout-result]")).ToContainTextAsync("82 分，合格");
        await Assertions.Expect(manager.Locator("[data-testid=buildout-history]")).ToContainTextAsync("确认结果");
        await Assertions.Expect(manager.Locator("[data-testid=buildout-history]")).ToContainTextAsync("企业服务经理（演示）");
        await Assertions.Expect(manager.Locator("[data-testid=buildout-history]")).Not.ToContainTextAsync("@xinchuang.local");
        await manager.EvaluateAsync("() => window.scrollTo(0, 0)");
        await manager.ScreenshotAsync(new() { Path = Shot("buildout-result.png") });
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
