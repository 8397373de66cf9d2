using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace XinchuangFlow.EndToEnd.Tests;

/// <summary>
/// The administrator's story in a real browser: change the service-ticket flow in the designer, publish it, start a
/// ticket, and see the new step waiting in the monitor; the technician is refused.
/// </summary>
public class DesignerBrowserTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static string Shot(string name) => Path.Combine(AppFixture.Artifacts, name);

    [Fact]
    public async Task AdministratorAddsAReviewStep_PublishesIt_AndANewTicketWaitsThere()
    {
        var page = await app.SignedInPageAsync();
        await page.SetViewportSizeAsync(1600, 1000);
        var watch = Stopwatch.StartNew();
        await page.GotoAsync("/workflows/service-ticket/design");
        await page.Locator("[data-activity=feedbackTask]").WaitForAsync();
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        var opened = watch.ElapsedMilliseconds;
        File.WriteAllText(Shot("designer-open-ms.txt"), opened.ToString());
        Assert.Equal(System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Root(), "workflows", "service-ticket.json")))!["activities"]!.AsArray().Count,
            await page.Locator(".xf-node").CountAsync());   // every step of the shipped flow drawn
        await page.Locator("[data-testid=fit]").ClickAsync();
        await page.ScreenshotAsync(new() { Path = Shot("designer.png") });

        // Drag a user task from the toolbox onto the canvas.
        await page.Locator(".xf-toolbox-item[data-type='xf.UserTask']").DragToAsync(page.Locator("[data-testid=canvas]"), new() { TargetPosition = new() { X = 500, Y = 120 } });
        var review = page.Locator("[data-activity=userTask1]");
        await review.WaitForAsync();
        var panel = page.Locator("[data-testid=property-panel]");
        await panel.GetByText("userTask1").First.WaitForAsync();
        await SetTextAsync(panel.Locator("[data-testid=input-displayName] input"), "主管复核");
        await SetTextAsync(panel.Locator("[data-testid=input-title] input"), "主管复核：确认处理结果");
        await panel.Locator("[data-testid=input-role] .mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "企业服务经理" }).ClickAsync();
        await review.GetByText("主管复核").WaitForAsync();

        // Put it between "登记解决" and the feedback task: resolve → review → feedback.
        await SelectAsync(page, "resolve");
        await panel.Locator("[data-testid='target-done-feedbackTask'] .mud-chip-close-button").ClickAsync();
        await ConnectAsync(page, panel, "done", "userTask1");
        await SelectAsync(page, "userTask1");
        // The new step's outcome has no target yet: the canvas and the list say so, and publishing is refused.
        await page.Locator("[data-activity=userTask1] [data-testid=problem-badge]").WaitForAsync();
        await page.GetByRole(AriaRole.Tab).Filter(new() { HasText = "问题" }).ClickAsync();
        await page.Locator("[data-testid=problems] .xf-problem[data-activity=userTask1]").GetByText("没有连到下一步").WaitForAsync();
        Assert.True(await page.Locator("[data-testid=publish]").IsDisabledAsync());
        await page.ScreenshotAsync(new() { Path = Shot("designer-problem.png") });
        await page.Locator("[data-testid=problems] .xf-problem[data-activity=userTask1]").First.ClickAsync();
        await ConnectAsync(page, panel, "done", "feedbackTask");
        await page.Locator("[data-activity=userTask1] [data-testid=problem-badge]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.False(await page.Locator("[data-testid=publish]").IsDisabledAsync());

        await SetTextAsync(page.Locator("[data-testid=save-comment] input"), "解决后加入主管复核");
        await page.Locator("[data-testid=publish]").ClickAsync();
        // Asked first, with a note for the history.
        await page.Locator("[data-testid=publish-note]").FillAsync("在用户评价前增加复核");
        await page.Locator("[data-testid=publish-confirm]").ClickAsync();
        await page.GetByText("已发布 v2").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Shot("designer-published.png") });

        // A ticket recorded now follows the new flow: after resolution it waits at the review.
        using var admin = await ApiAsync("admin@xinchuang.local", "Admin#2026xf");
        using var unit = await ApiAsync("unit@xinchuang.local", "Demo#2026xf");
        var created = await unit.PostAsJsonAsync("/api/tickets", new JsonObject
        {
            ["contactName"] = "陆工", ["contactPhone"] = "0771-5550101", ["cityCode"] = "4501", ["countyCode"] = "450103",
            ["productCategory"] = "terminal", ["impact"] = "single", ["title"] = "设计器测试：终端黑屏", ["description"] = "开机后黑屏",
        });
        var ticket = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var instanceId = ticket["instanceId"]!.GetValue<string>();
        var instance = (await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-instances/{instanceId}"))!;
        Assert.Equal(2, instance["definitionVersion"]!.GetValue<int>());
        await CompleteAsync(admin, instanceId, "accept", "accept", new JsonObject());
        await CompleteAsync(admin, instanceId, "handle", "remote", new JsonObject());
        await CompleteAsync(admin, instanceId, "resolveTask", "resolved", new JsonObject { ["resolution"] = "重装驱动" });

        await page.GotoAsync($"/instances/{instanceId}");
        await page.Locator("[data-testid=monitor] .xf-node.xf-state-waiting[data-activity=userTask1]").WaitForAsync();
        await page.Locator("[data-testid=monitor] .xf-node.xf-state-passed[data-activity=resolve]").WaitForAsync();
        await page.Locator("[data-testid=tasks]").GetByText("主管复核：确认处理结果").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Shot("monitor.png") });

        // The heat map of v2 shows the new step with the one instance that reached it.
        await page.GotoAsync("/workflows/service-ticket/heatmap");
        var heat = page.Locator("[data-testid=heatmap] [data-activity=userTask1] .xf-node-note");
        await heat.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.StartsWith("1", (await heat.TextContentAsync())!.Trim());
        await page.ScreenshotAsync(new() { Path = Shot("heatmap.png") });

        // The technician may not open the designer.
        var tech = await app.SignedInPageAsync("tech@xinchuang.local", "Demo#2026xf");
        await tech.GotoAsync("/workflows/service-ticket/design");
        await tech.Locator("[data-testid=no-access]").WaitForAsync();
        Assert.Equal(0, await tech.Locator("[data-testid=canvas]").CountAsync());
    }

    [Fact]
    public async Task ALargeDefinition_OpensLaidOut_AndStaysEditable()
    {
        // 200 activities without positions: the designer lays them out; the figures go to docs/performance.md.
        var activities = new JsonArray { new JsonObject { ["id"] = "start", ["type"] = "xf.Start" } };
        var connections = new JsonArray();
        var previous = "start";
        for (var i = 1; i <= 198; i++)
        {
            var id = $"step{i}";
            activities.Add(i % 20 == 0
                ? new JsonObject { ["id"] = id, ["type"] = "xf.UserTask", ["inputs"] = new JsonObject { ["title"] = id, ["role"] = "Dispatcher", ["outcomes"] = new JsonArray("done") } }
                : new JsonObject { ["id"] = id, ["type"] = "xf.SetVariable", ["inputs"] = new JsonObject { ["variable"] = "n", ["value"] = i } });
            connections.Add(new JsonObject { ["source"] = new JsonObject { ["activity"] = previous, ["port"] = "done" }, ["target"] = new JsonObject { ["activity"] = id } });
            previous = id;
        }
        activities.Add(new JsonObject { ["id"] = "end", ["type"] = "xf.End" });
        connections.Add(new JsonObject { ["source"] = new JsonObject { ["activity"] = previous, ["port"] = "done" }, ["target"] = new JsonObject { ["activity"] = "end" } });
        var definition = new JsonObject
        {
            ["schemaVersion"] = 1, ["definitionId"] = "large-200", ["name"] = "两百个活动",
            ["variables"] = new JsonArray(new JsonObject { ["name"] = "n", ["type"] = "number" }), ["activities"] = activities, ["connections"] = connections,
        };
        using var admin = await ApiAsync("admin@xinchuang.local", "Admin#2026xf");
        (await admin.PostAsync("/api/workflow-definitions?publish=true", new StringContent(definition.ToJsonString(), System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        var page = await app.SignedInPageAsync();
        await page.SetViewportSizeAsync(1600, 1000);
        var watch = Stopwatch.StartNew();
        await page.GotoAsync("/workflows/large-200/design");
        await page.Locator("[data-activity=end]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        var opened = watch.ElapsedMilliseconds;
        Assert.Equal(200, await page.Locator(".xf-node").CountAsync());
        watch.Restart();
        await page.Locator(".xf-toolbox-item[data-type='xf.Delay']").DblClickAsync();
        await page.Locator("[data-activity=delay1]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var edited = watch.ElapsedMilliseconds;
        watch.Restart();
        await page.Locator("[data-testid=undo]").ClickAsync();
        await page.Locator("[data-activity=delay1]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        var undone = watch.ElapsedMilliseconds;
        File.WriteAllText(Shot("designer-200-ms.txt"), $"open {opened} ms; add an activity {edited} ms; undo {undone} ms");
    }

    [Fact]
    public async Task ALinkDrawnWithTheMouse_FromAnOutcomePortToAnActivity_BecomesAConnection_AndUndoTakesItBack()
    {
        var page = await app.SignedInPageAsync();
        await page.SetViewportSizeAsync(1600, 1000);
        await page.GotoAsync("/workflows/demo-acceptance/design");
        await page.Locator("[data-activity=mark]").WaitForAsync();
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        await page.Locator("[data-testid=fit]").ClickAsync();
        await page.WaitForTimeoutAsync(300);

        var from = (await page.Locator("[data-activity=accept] .xf-port-out").First.BoundingBoxAsync())!;
        var to = (await page.Locator("[data-activity=mark] .xf-node-head").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(from.X + from.Width / 2, from.Y + from.Height / 2);
        await page.Mouse.DownAsync();
        for (var i = 1; i <= 10; i++)
            await page.Mouse.MoveAsync(from.X + (to.X - from.X) * i / 10, from.Y + (to.Y + to.Height / 2 - from.Y) * i / 10);
        var target = (await page.Locator("[data-activity=mark] .xf-port-in").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(target.X + target.Width / 2, target.Y + target.Height / 2);
        await page.Mouse.UpAsync();

        await page.Locator("[data-testid=unsaved]").WaitForAsync();
        await SelectAsync(page, "accept");
        await page.Locator("[data-testid=property-panel] [data-testid='target-accept-mark']").WaitForAsync();
        await page.Locator("[data-testid=undo]").ClickAsync();
        await page.Locator("[data-testid=property-panel] [data-testid='target-accept-mark']").WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    [Fact]
    public async Task TheCanvas_DrawsItsConnectionsAtOnce_FitsAtAReadableSize_AndListsEveryProblemInFull()
    {
        var page = await app.SignedInPageAsync();
        await page.SetViewportSizeAsync(1440, 900);
        var errors = AppFixture.WatchForErrors(page);
        await page.GotoAsync("/workflows/service-ticket/design");
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        await page.Locator("[data-activity=feedbackTask]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        // The connections are drawn as soon as the canvas is live, before anything is edited.
        var connections = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Root(), "workflows", "service-ticket.json")))!["connections"]!.AsArray().Count;
        await Assertions.Expect(page.Locator("[data-testid=canvas] .diagram-link path").First).ToBeAttachedAsync();
        await page.WaitForFunctionAsync($"document.querySelectorAll('[data-testid=canvas] .diagram-link path').length >= {connections}");

        // Opened, a large flow is drawn at a readable size from its Start: never below the readable zoom.
        await page.WaitForTimeoutAsync(300);
        var start = (await page.Locator("[data-activity=start]").BoundingBoxAsync())!;
        Assert.True(start.Width >= 190 * 0.6 - 1, $"the Start is drawn {start.Width:0} px wide");
        await page.ScreenshotAsync(new() { Path = Shot("designer-fit.png") });
        // The toolbar's "fit" is the overview: every step of the flow in view at once.
        await page.Locator("[data-testid=fit]").ClickAsync();
        await page.WaitForTimeoutAsync(300);
        var canvas = (await page.Locator("[data-testid=canvas]").BoundingBoxAsync())!;
        var end = (await page.Locator("[data-activity=end]").BoundingBoxAsync())!;
        Assert.True(end.X + end.Width <= canvas.X + canvas.Width + 1, $"the End ends at {end.X + end.Width:0}, the canvas at {canvas.X + canvas.Width:0}");
        await page.Locator("[data-activity=start]").WaitForAsync();

        // Three new steps, four problems each: all twelve are listed, grouped by step, none hidden in a small scroll box.
        for (var i = 0; i < 3; i++)
        {
            await page.Locator(".xf-toolbox-item[data-type='xf.Delay']").DblClickAsync();
            await page.Locator($"[data-activity=delay{i + 1}]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        }
        await page.GetByRole(AriaRole.Tab).Filter(new() { HasText = "问题 (12)" }).ClickAsync();
        var problems = page.Locator("[data-testid=problems] .xf-problem");
        await Assertions.Expect(problems).ToHaveCountAsync(12);
        Assert.Equal(3, await page.Locator("[data-testid=problem-group]").CountAsync());
        Assert.True(await page.Locator("[data-testid=problems]").EvaluateAsync<bool>("e => e.scrollHeight <= e.clientHeight + 1"), "the problem list scrolls inside itself");
        var panel = (await page.Locator(".xf-side").BoundingBoxAsync())!;
        var last = (await problems.Last.BoundingBoxAsync())!;
        Assert.True(last.Y + last.Height <= panel.Y + panel.Height, "the twelfth problem is below the side panel");
        await page.ScreenshotAsync(new() { Path = Shot("designer-problems.png") });
        await page.WaitForTimeoutAsync(500);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task TheHeatMap_LaysTheFlowOutWithoutOverlap_AndScrollsToWhatDoesNotFit()
    {
        var page = await app.SignedInPageAsync();
        await page.SetViewportSizeAsync(1440, 900);
        await page.GotoAsync("/workflows/service-ticket/heatmap");
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        await page.Locator("[data-testid=heatmap] [data-activity=feedbackTask] .xf-node-note").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.WaitForTimeoutAsync(300);
        var boxes = await page.Locator("[data-testid=heatmap] .xf-node").EvaluateAllAsync<double[][]>(
            "nodes => nodes.map(n => { const r = n.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })");
        Assert.True(boxes.Length > 20);
        for (var i = 0; i < boxes.Length; i++)
            for (var j = i + 1; j < boxes.Length; j++)
                Assert.False(boxes[i][0] < boxes[j][2] && boxes[j][0] < boxes[i][2] && boxes[i][1] < boxes[j][3] && boxes[j][1] < boxes[i][3], $"nodes {i} and {j} overlap");
        // Each activity's figures sit inside its box.
        var notes = await page.Locator("[data-testid=heatmap] .xf-node").EvaluateAllAsync<bool[]>(
            "nodes => nodes.map(n => { const o = n.querySelector('.xf-node-note'); if (!o) return true; const a = n.getBoundingClientRect(), b = o.getBoundingClientRect(); return b.bottom <= a.bottom + 1 && b.right <= a.right + 1; })");
        Assert.All(notes, Assert.True);
        await page.ScreenshotAsync(new() { Path = Shot("heatmap-start.png") });

        // Wider than the page: the canvas scrolls, and the last activity comes into view.
        var scroller = page.Locator("[data-testid=heatmap]");
        Assert.True(await scroller.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth"));
        await scroller.EvaluateAsync("e => e.scrollLeft = e.scrollWidth");
        var view = (await scroller.BoundingBoxAsync())!;
        var rightmost = boxes.Max(b => b[2]) - boxes.Min(b => b[0]);
        var seen = await page.Locator("[data-testid=heatmap] .xf-node").EvaluateAllAsync<double>("nodes => Math.max(...nodes.map(n => n.getBoundingClientRect().right))");
        Assert.True(seen <= view.X + view.Width + 1, $"the right-most activity ends at {seen:0}, the view at {view.X + view.Width:0} (drawing {rightmost:0} px wide)");
        await page.ScreenshotAsync(new() { Path = Shot("heatmap-end.png") });
    }

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "XinchuangFlow.sln"))) dir = dir.Parent;
        return dir.FullName;
    }

    private static async Task SetTextAsync(ILocator input, string text)
    {
        await input.FillAsync(text);
        await input.PressAsync("Tab");
    }

    private static async Task SelectAsync(IPage page, string activityId)
    {
        // "Find an activity" selects it and brings it to the middle; then a click on the node itself selects it as a user would.
        await page.Locator("[data-testid=find-activity] .mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = $"({activityId})" }).First.ClickAsync();
        await page.Locator($"[data-activity={activityId}] .xf-node-head").ClickAsync();
        await page.Locator("[data-testid=property-panel]").GetByText(activityId).First.WaitForAsync();
    }

    private static async Task ConnectAsync(IPage page, ILocator panel, string port, string target)
    {
        await panel.Locator($"[data-testid=connect-{port}] .mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = $"({target})" }).First.ClickAsync();
        await panel.Locator($"[data-testid='target-{port}-{target}']").WaitForAsync();
    }

    private Task<HttpClient> ApiAsync(string email, string password) => app.ApiAsync(email, password);

    private static async Task CompleteAsync(HttpClient api, string instanceId, string activityId, string outcome, JsonObject data)
    {
        var tasks = (await api.GetFromJsonAsync<JsonObject>($"/api/tasks?instanceId={instanceId}&status=Open"))!["items"]!.AsArray();
        var task = tasks.First(t => t!["activityId"]!.GetValue<string>() == activityId)!;
        (await api.PostAsJsonAsync($"/api/tasks/{task["id"]}/complete", new JsonObject { ["outcome"] = outcome, ["data"] = data })).EnsureSuccessStatusCode();
    }
}
