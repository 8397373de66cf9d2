using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.EndToEnd.Tests;

/// <summary>
/// Dispatching by hand in the browser (DSP-2, DSP-3): the manual-dispatch step offers the planner's candidates with their
/// reasons instead of a login typed from memory; the dispatcher chooses one the rules passed over, knowingly, and the
/// ticket is theirs.
/// </summary>
public class DispatchPickerBrowserTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Demo = "Demo#2026xf";

    [Fact]
    public async Task TheManualDispatchForm_OffersTheCandidatesWithTheirReasons_AndAssignsTheOneChosen()
    {
        // An integrator of its own in 青秀区: one technician below the level a P2 ticket needs (the manual step still takes
        // them), one whose certificate only starts next year (nobody may take the ticket on it).
        var integrator = new Enterprise(Guid.CreateVersion7(), "邕城测试集成", EnterpriseKind.Integrator, ShortlistStatus.Active);
        var point = new ServicePoint(Guid.CreateVersion7(), integrator.Id, "邕城青秀网点", ServicePointKind.OwnOutlet, "450103");
        var junior = new Technician(Guid.CreateVersion7(), integrator.Id, point.Id, "韦初级", "junior@e2e.local", 1);
        var renewed = new Technician(Guid.CreateVersion7(), integrator.Id, point.Id, "覃新证", "renewed@e2e.local", 3);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync())
        {
            db.Enterprises.Add(integrator);
            db.ServicePoints.Add(point);
            db.Technicians.AddRange(junior, renewed);
            db.Certificates.AddRange(new Certificate(junior.Id, "terminal", today.AddYears(-1), today.AddYears(1)),
                new Certificate(renewed.Id, "terminal", today.AddDays(100), today.AddYears(3)));
            await db.SaveChangesAsync();
        }

        using var desk = await app.ApiAsync("dispatcher@xinchuang.local", Demo);
        var created = await desk.PostAsJsonAsync("/api/tickets", new JsonObject
        {
            ["contactName"] = "黄主任", ["contactPhone"] = "0771-5550166", ["cityCode"] = "4501", ["countyCode"] = "450103", ["productCategory"] = "terminal",
            ["impact"] = "department", ["title"] = "审计局两间办公室终端无法联网", ["description"] = "二楼东侧两间办公室的终端均无法连接内网。",
            ["channel"] = "hotline", ["procurementUnit"] = "南宁市青秀区审计局", ["integratorId"] = integrator.Id.ToString(),
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var ticket = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var number = ticket["number"]!.GetValue<string>();
        Assert.Null(ticket["technicianUser"]?.GetValue<string>());                          // nobody met the rules: the step waits for a dispatcher

        // The API says what the picker will: nobody qualifies; the junior may still be assigned, the renewed one may not.
        var candidates = (await desk.GetFromJsonAsync<JsonObject>($"/api/tickets/{number}/dispatch-candidates"))!;
        Assert.Empty(candidates["qualified"]!.AsArray());
        var others = candidates["disqualified"]!.AsArray().ToDictionary(d => d!["userName"]!.GetValue<string>(), d => d!.AsObject());
        Assert.Equal("level-too-low", others["junior@e2e.local"]["code"]!.GetValue<string>());
        Assert.True(others["junior@e2e.local"]["mayStillBeAssigned"]!.GetValue<bool>());
        Assert.Equal("certificate-not-yet-valid", others["renewed@e2e.local"]["code"]!.GetValue<string>());
        Assert.False(others["renewed@e2e.local"]["mayStillBeAssigned"]!.GetValue<bool>());

        var page = await app.SignedInPageAsync("dispatcher@xinchuang.local", Demo);
        await page.SetViewportSizeAsync(1440, 900);
        var errors = AppFixture.WatchForErrors(page);
        await page.GotoAsync($"/tickets/{number}");
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(page.Locator("[data-testid=signed-in-as]")).ToContainTextAsync("调度员（演示）");   // the header names the
        await Assertions.Expect(page.Locator("[data-testid=signed-in-as]")).Not.ToContainTextAsync("@");          // person, not the login
        var field = page.Locator("[data-testid=field-technicianUser]");
        await Assertions.Expect(field.Locator("[data-testid=technician-counts]")).ToContainTextAsync("可人工指派");
        await field.Locator("input").First.ClickAsync();
        var list = page.Locator(".mud-popover-open");
        var juniorItem = list.Locator(".xf-candidate[data-user='junior@e2e.local']");
        await Assertions.Expect(juniorItem).ToContainTextAsync("可人工指派");
        await Assertions.Expect(juniorItem).ToContainTextAsync("能力等级1低于P2要求的2级");
        await Assertions.Expect(juniorItem).ToContainTextAsync("邕城青秀网点");                  // told apart by where they work,
        await Assertions.Expect(juniorItem).Not.ToContainTextAsync("junior@e2e.local");          // not by their login
        var renewedItem = list.Locator(".xf-candidate[data-user='renewed@e2e.local']");
        await Assertions.Expect(renewedItem).ToContainTextAsync("尚未生效");
        await Assertions.Expect(renewedItem).Not.ToContainTextAsync("过期");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.Artifacts, "dispatch-picker.png") });

        await juniorItem.ClickAsync();
        await Assertions.Expect(field.Locator("input").First).ToHaveValueAsync("韦初级（邕城青秀网点）");
        await page.Locator("[data-testid=field-reason] textarea").First.FillAsync("同区县仅此一人，先上门排查网络");
        await page.Locator("[data-testid=outcome-dispatch]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=technician]")).ToHaveTextAsync("韦初级");      // by name, not by login
        Assert.Equal("junior@e2e.local", (await desk.GetFromJsonAsync<JsonObject>($"/api/tickets/{number}"))!["ticket"]!["technicianUser"]!.GetValue<string>());
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
