using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace XinchuangFlow.EndToEnd.Tests;

/// <summary>
/// Issue 21 §3 in a real browser: an administrator publishes an edited service-ticket flow — steps renamed, automatic
/// dispatch left out so a dispatcher assigns every ticket, two steps reordered, a manager's review inserted before the
/// unit's rating — and the same pages carry a ticket through it: the unit files in the portal, the dispatcher assigns in
/// the inbox, the technician accepts, checks in and resolves on the phone, the manager reviews in the inbox (the task's
/// title and deadline, not a step id), and only then does the portal ask the unit to rate.
/// </summary>
public class EditedFlowBrowserTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Demo = "Demo#2026xf";
    private static string Shot(string name) => Path.Combine(AppFixture.Artifacts, name);

    private static ILocator Field(IPage page, string testId) => AppFixture.Field(page, testId);
    private static Task WaitLiveAsync(IPage page) => AppFixture.WaitLiveAsync(page);
    private static Task Choose(IPage page, ILocator select, string option) => AppFixture.ChooseAsync(page, select, option);

    /// <summary>The shipped flow as an administrator might edit it; the tasks keep their kinds, nothing else is kept.</summary>
    private static JsonObject Edit(JsonObject flow)
    {
        var activities = flow["activities"]!.AsArray();
        var connections = flow["connections"]!.AsArray();
        JsonObject Activity(string id) => activities.OfType<JsonObject>().Single(a => a["id"]!.GetValue<string>() == id);
        IEnumerable<JsonObject> Ends(string side) => connections.OfType<JsonObject>().Select(c => c[side]!.AsObject());
        void Rename(string from, string to)
        {
            Activity(from)["id"] = to;
            foreach (var end in Ends("source").Concat(Ends("target")).Where(e => e["activity"]!.GetValue<string>() == from)) end["activity"] = to;
        }
        JsonObject Link(string from, string port, string to) => new()
        {
            ["source"] = new JsonObject { ["activity"] = from, ["port"] = port }, ["target"] = new JsonObject { ["activity"] = to },
        };
        void Drop(Func<JsonObject, bool> which) { foreach (var c in connections.OfType<JsonObject>().Where(which).ToList()) connections.Remove(c); }
        bool From(JsonObject c, string activity, string? port = null) =>
            c["source"]!["activity"]!.GetValue<string>() == activity && (port is null || c["source"]!["port"]!.GetValue<string>() == port);

        // Every ticket is dispatched by hand: the planner's step goes.
        activities.Remove(Activity("dispatch"));
        Drop(c => From(c, "dispatch") || From(c, "clocks", "work"));
        connections.Add(Link("clocks", "work", "manualDispatch"));
        // Steps renamed.
        foreach (var (from, to) in new[] { ("manualDispatch", "dispatchByHand"), ("accept", "takeOn"), ("handle", "goOnSite"), ("resolveTask", "writeUp"), ("feedbackTask", "unitRates") })
            Rename(from, to);
        // Two steps reordered: the ticket shows "accepted" before the response clock stops.
        Drop(c => From(c, "takeOn", "accept") || From(c, "stopResponse") || From(c, "accepted"));
        connections.Add(Link("takeOn", "accept", "accepted"));
        connections.Add(Link("accepted", "done", "stopResponse"));
        connections.Add(Link("stopResponse", "done", "startOnsite"));
        // A review by the enterprise's service manager before the unit's rating, with its own time limit.
        activities.Add(new JsonObject
        {
            ["id"] = "userTask1", ["type"] = "xf.UserTask", ["displayName"] = "经理复核",
            ["inputs"] = new JsonObject
            {
                ["title"] = new JsonObject { ["expr"] = "'经理复核：' + vars.ticket.number" }, ["role"] = "EnterpriseManager", ["dueIn"] = "PT8H",
                ["outcomes"] = JsonNode.Parse("""[{"key":"approve","name":"复核通过","nameEn":"Approve"}]"""),
                ["form"] = JsonNode.Parse("""[{"name":"opinion","label":"复核意见","type":"textarea","required":true}]"""),
            },
        });
        Drop(c => From(c, "resolve"));
        connections.Add(Link("resolve", "done", "userTask1"));
        connections.Add(Link("userTask1", "approve", "unitRates"));
        return flow;
    }

    [Fact]
    public async Task AnEditedFlow_RenamedReorderedAndWithAReview_IsWorkedByTheSamePages()
    {
        using var admin = await app.ApiAsync();
        var shipped = JsonNode.Parse(await admin.GetStringAsync("/api/workflow-definitions/service-ticket"))!.AsObject();
        var published = await admin.PostAsJsonAsync("/api/workflow-definitions?publish=true", Edit(shipped));
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());

        // The designer shows each task's part by name, offers the flow's parts in a picker, and refuses to publish a
        // flow whose unit rating lost its part.
        var designer = await app.SignedInPageAsync();
        await designer.SetViewportSizeAsync(1600, 1000);
        await designer.GotoAsync("/workflows/service-ticket/design");
        await WaitLiveAsync(designer);
        await designer.Locator("[data-activity=unitRates]").WaitForAsync();
        await designer.Locator("[data-testid=find-activity] .mud-select").First.ClickAsync();
        await designer.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "(unitRates)" }).First.ClickAsync();
        await designer.Locator("[data-activity=unitRates] .xf-node-head").ClickAsync();
        var kind = designer.Locator("[data-testid=property-panel] [data-testid=input-taskKind]");
        await Assertions.Expect(kind.Locator("input")).ToHaveValueAsync("用户评价");
        await Choose(designer, kind.Locator(".mud-select").First, "厂商支持");
        await designer.GetByRole(AriaRole.Tab).Filter(new() { HasText = "问题" }).ClickAsync();
        // Said in the reader's language, the kind by its name: "没有用户任务承担“用户评价”…".
        await Assertions.Expect(designer.Locator("[data-testid=problems] [data-code=task-kind-missing]")).ToContainTextAsync("没有用户任务承担“用户评价”");
        Assert.True(await designer.Locator("[data-testid=publish]").IsDisabledAsync());
        await designer.ScreenshotAsync(new() { Path = Shot("designer-task-kind.png") });
        await designer.GetByRole(AriaRole.Tab).Filter(new() { HasText = "属性" }).ClickAsync();
        await Choose(designer, kind.Locator(".mud-select").First, "用户评价");
        await Assertions.Expect(designer.Locator("[data-testid=problems] [data-code=task-kind-missing]")).ToHaveCountAsync(0);
        await designer.Context.CloseAsync();

        // The unit files a request in the portal.
        var unit = await app.SignedInPageAsync("unit@xinchuang.local", Demo);
        await unit.GotoAsync("/portal/new");
        await WaitLiveAsync(unit);
        var title = $"改版流程：打印机卡纸 {Guid.NewGuid():N}"[..24];
        await Field(unit, "f-contactName").FillAsync("黄科长");
        await Field(unit, "f-contactPhone").FillAsync("0771-5550123");
        await Choose(unit, unit.Locator("[data-testid=f-category]"), "终端");
        await Field(unit, "f-title").FillAsync(title);
        await Field(unit, "f-description").FillAsync("打印机频繁卡纸，无法打印公文。");
        await unit.Locator("[data-testid=portal-submit]").ClickAsync();
        // Created, or refused with the reason at a field: a failure says which.
        await unit.Locator("[data-testid=portal-created], .mud-input-error, .mud-alert-text-error").First.WaitForAsync();
        Assert.True(await unit.Locator("[data-testid=portal-created]").IsVisibleAsync(), await unit.Locator("body").InnerTextAsync());
        var number = System.Text.RegularExpressions.Regex.Match(await unit.Locator("[data-testid=portal-created]").InnerTextAsync(), @"GX-\d{4}-\d{8}-\d{5}").Value;
        Assert.False(string.IsNullOrEmpty(number));

        // The platform's dispatcher assigns it in the inbox: the step reads as what it is, not as a step id.
        var desk = await app.SignedInPageAsync("dispatcher@xinchuang.local", Demo);
        await desk.GotoAsync($"/inbox?view=Team&kind=ticket.manualDispatch&q={number}");
        await WaitLiveAsync(desk);
        var row = desk.Locator($"tr[data-case='{number}']");
        await Assertions.Expect(row.Locator("[data-testid=step]")).ToHaveTextAsync("人工派单");
        await row.Locator("td.xf-cell-title").ClickAsync();
        await desk.Locator("[data-testid=open-task] [data-testid=claim]").ClickAsync();
        await Field(desk, "field-technicianUser").FillAsync("tech@xinchuang.local");      // found among the planner's candidates as it is typed
        await desk.Locator(".mud-popover-open .xf-candidate[data-user='tech@xinchuang.local']").ClickAsync();
        await Field(desk, "field-reason").FillAsync("按区域就近指派");
        await desk.Locator("[data-testid=open-task] [data-testid=outcome-dispatch]").ClickAsync();
        await Assertions.Expect(desk.Locator($"tr[data-case='{number}']")).ToHaveCountAsync(0, new() { Timeout = 10_000 });

        // The technician's phone: accept, check in, resolve — the buttons come from the tasks' kinds.
        var phone = await app.SignedInPageAsync("tech@xinchuang.local", Demo, new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true,
        });
        await phone.GotoAsync($"/m/{number}");
        await WaitLiveAsync(phone);
        await phone.Locator("[data-testid=field-accept]").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid=field-status]")).ToHaveTextAsync("已接单");
        await Field(phone, "field-location").FillAsync("财政局二楼文印室");
        await phone.Locator("[data-testid=field-checkin]").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid=field-status]")).ToHaveTextAsync("已到场");
        await Field(phone, "field-resolution").FillAsync("清理搓纸轮并更换分页器，打印正常。");
        await Field(phone, "field-confirmed").FillAsync("黄科长");
        await phone.ScreenshotAsync(new() { Path = Shot("edited-flow-phone.png"), FullPage = true });
        await phone.Locator("[data-testid=field-resolve]").ClickAsync();
        await phone.Locator("[data-testid=field-nothing]").WaitForAsync();

        // While the review runs, the portal does not ask the unit to rate (no dead end).
        await unit.GotoAsync("/portal");
        await WaitLiveAsync(unit);
        var request = unit.Locator($"[data-testid=request-{number}]");
        await Assertions.Expect(request.Locator("[data-testid=state]")).ToHaveTextAsync("已解决");
        await Assertions.Expect(request.Locator("[data-testid=rate]")).ToHaveCountAsync(0);

        // The manager's inbox shows the review by its title, with its deadline, and the manager approves it.
        var manager = await app.SignedInPageAsync("manager@xinchuang.local", Demo);
        await manager.GotoAsync($"/inbox?view=Team&q={number}");
        await WaitLiveAsync(manager);
        var review = manager.Locator($"tr[data-case='{number}']");
        await Assertions.Expect(review.Locator("[data-testid=step]")).ToHaveTextAsync($"经理复核：{number}");
        Assert.False(string.IsNullOrEmpty(await review.GetAttributeAsync("data-due")));
        Assert.DoesNotContain("userTask1", await manager.Locator("[data-testid=inbox]").InnerTextAsync());
        await manager.ScreenshotAsync(new() { Path = Shot("edited-flow-review-inbox.png"), FullPage = true });
        await review.Locator("td.xf-cell-title").ClickAsync();
        await manager.Locator("[data-testid=open-task] [data-testid=claim]").ClickAsync();
        await Field(manager, "field-opinion").FillAsync("处理规范，同意。");
        await manager.Locator("[data-testid=open-task] [data-testid=outcome-approve]").ClickAsync();
        await Assertions.Expect(manager.Locator($"tr[data-case='{number}']")).ToHaveCountAsync(0, new() { Timeout = 10_000 });

        // Now the portal asks for the rating, and the rating form is there.
        await unit.ReloadAsync();
        await WaitLiveAsync(unit);
        await Assertions.Expect(request.Locator("[data-testid=state]")).ToHaveTextAsync("待评价");
        await request.Locator("[data-testid=rate]").ClickAsync();
        await unit.WaitForURLAsync($"**/tickets/{number}", new() { WaitUntil = WaitUntilState.Commit });
        await WaitLiveAsync(unit);
        await Choose(unit, unit.Locator("[data-testid=field-satisfaction]"), "5 · 很满意");
        await unit.Locator("[data-testid=outcome-submit]").ClickAsync();
        await Assertions.Expect(unit.Locator("[data-testid=task-form]")).ToHaveCountAsync(0);

        var closed = (await admin.GetFromJsonAsync<JsonObject>($"/api/tickets/{number}"))!["ticket"]!;
        Assert.Equal("closed", closed["status"]!.GetValue<string>());
        Assert.Equal("tech@xinchuang.local", closed["technicianUser"]!.GetValue<string>());
        Assert.Equal("黄科长", closed["confirmedBy"]!.GetValue<string>());
    }
}
