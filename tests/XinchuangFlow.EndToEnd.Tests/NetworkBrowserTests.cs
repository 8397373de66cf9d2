using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace XinchuangFlow.EndToEnd.Tests;

/// <summary>
/// The service network in the browser (NET-2, NET-3): the Data Bureau's list of enterprises; an enterprise's manager
/// lands on their own enterprise, imports 20 technicians from Excel — two of them wrong — and sees 18 accepted and the
/// two rejected rows with their reasons; the same file again changes nothing. Expired and soon-expiring certificates are
/// flagged.
/// </summary>
public class NetworkBrowserTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Demo = "Demo#2026xf";
    private static string Shot(string name) => Path.Combine(AppFixture.Artifacts, name);

    /// <summary>20 technicians at one point, each with a certificate; row 7 names a point the enterprise does not have, row 15 a certificate date that does not exist.</summary>
    private static byte[] Workbook(string point, string county)
    {
        var rows = new List<Dictionary<string, object?>>();
        for (var i = 1; i <= 20; i++)
            rows.Add(new Dictionary<string, object?>
            {
                ["姓名"] = $"{"韦覃蒙莫梁"[i % 5]}{"志明海燕春华建国丽娟"[i % 10]}{(i > 10 ? "新" : "")}",
                ["登录账号"] = $"e2e-tech{i:00}@import.xinchuang.local",
                ["服务网点"] = i == 6 ? "不存在的网点" : point,
                ["网点区县"] = county,
                ["能力等级"] = 1 + i % 3,
                ["服务产品类别"] = "终端、操作系统",
                ["电话"] = $"1390771{i:0000}",
                ["证书编号"] = $"GXXC-E2E-{i:0000}",
                ["证书类别"] = "终端",
                ["证书生效日期"] = "2026-01-01",
                ["证书到期日期"] = i == 14 ? "2028-13-01" : "2028-12-31",
            });
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, new Dictionary<string, object> { ["技术人员"] = rows });
        return stream.ToArray();
    }

    [Fact]
    public async Task TheManager_Imports20Technicians_Sees2RejectedWithReasons_AndTheSameFileAgainChangesNothing()
    {
        using var api = await app.ApiAsync("manager@xinchuang.local", Demo);
        var own = (await api.GetFromJsonAsync<JsonArray>("/api/enterprises"))!.Single()!["id"]!.GetValue<string>();
        var point = (await api.GetFromJsonAsync<JsonArray>($"/api/enterprises/{own}/service-points"))![0]!;
        using var divisions = await app.ApiAsync();
        var countyCode = point["countyCode"]!.GetValue<string>();
        var county = (await divisions.GetFromJsonAsync<JsonArray>("/api/divisions"))!.SelectMany(c => c!["counties"]!.AsArray())
            .First(c => c!["code"]!.GetValue<string>() == countyCode)!["name"]!.GetValue<string>();
        var file = new FilePayload { Name = "技术人员导入.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = Workbook(point["name"]!.GetValue<string>(), county) };

        // The Data Bureau's overview: every enterprise with its kind, status and counts.
        var bureau = await app.SignedInPageAsync();
        await bureau.SetViewportSizeAsync(1440, 900);
        await bureau.GotoAsync("/network");
        await AppFixture.WaitLiveAsync(bureau);
        await Assertions.Expect(bureau.Locator("[data-testid=enterprise-row]")).ToHaveCountAsync(7);
        await Assertions.Expect(bureau.Locator("[data-testid=enterprise-list]")).ToContainTextAsync("暂停");
        await bureau.ScreenshotAsync(new() { Path = Shot("network-overview.png") });

        // The manager lands on their own enterprise.
        var manager = await app.SignedInPageAsync("manager@xinchuang.local", Demo);
        await manager.SetViewportSizeAsync(1440, 1000);
        var errors = AppFixture.WatchForErrors(manager);
        await manager.GotoAsync("/network");
        await manager.WaitForURLAsync($"**/network/{own}");
        await AppFixture.WaitLiveAsync(manager);
        await Assertions.Expect(manager.Locator("[data-testid=network-enterprise]")).ToHaveTextAsync("南宁八桂数智服务有限公司");

        await manager.Locator("input[type=file][data-testid=network-import]").First.SetInputFilesAsync(file);
        await Assertions.Expect(manager.Locator("[data-testid=import-summary]")).ToHaveTextAsync("导入完成：新增 18 行，更新 0 行，未变 0 行，拒绝 2 行。", new() { Timeout = 30_000 });   // upload + 20 rows, on a shared machine
        var rejected = manager.Locator("[data-testid=import-rows] tbody tr");
        await Assertions.Expect(rejected).ToHaveCountAsync(2);
        await Assertions.Expect(rejected.Nth(0)).ToContainTextAsync("7");
        await Assertions.Expect(rejected.Nth(0).Locator("[data-testid=import-why]")).ToContainTextAsync("本企业没有（唯一的）在用服务网点“不存在的网点”");
        await Assertions.Expect(rejected.Nth(1)).ToContainTextAsync("15");
        await Assertions.Expect(rejected.Nth(1).Locator("[data-testid=import-why]")).ToContainTextAsync("证书到期日期“2028-13-01”不是有效日期");
        await manager.ScreenshotAsync(new() { Path = Shot("network-import.png") });

        // The same file again: nothing new, nothing changed.
        await manager.Locator("input[type=file][data-testid=network-import]").First.SetInputFilesAsync(file);
        await Assertions.Expect(manager.Locator("[data-testid=import-summary]")).ToHaveTextAsync("导入完成：新增 0 行，更新 0 行，未变 18 行，拒绝 2 行。", new() { Timeout = 30_000 });
        var technicians = (await api.GetFromJsonAsync<JsonArray>($"/api/enterprises/{own}/technicians"))!;
        Assert.Equal(18, technicians.Count(t => t!["userName"]!.GetValue<string>().EndsWith("@import.xinchuang.local")));

        // An expired certificate and one close to its end are flagged (made so here).
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        foreach (var (number, login, until) in new[] { ("GXXC-E2E-0001", "e2e-tech01", today.AddDays(12)), ("GXXC-E2E-0002", "e2e-tech02", today.AddDays(-1)) })
        {
            var id = technicians.First(t => t!["userName"]!.GetValue<string>() == $"{login}@import.xinchuang.local")!["id"]!.GetValue<string>();
            (await api.PutAsJsonAsync($"/api/enterprises/{own}/certificates/{number}", new JsonObject
            {
                ["technicianId"] = id, ["productCategory"] = "terminal", ["validFrom"] = "2025-01-01", ["validUntil"] = until.ToString("yyyy-MM-dd"),
            })).EnsureSuccessStatusCode();
        }
        await manager.ReloadAsync();
        await AppFixture.WaitLiveAsync(manager);
        await manager.Locator(".mud-tab").Filter(new() { HasText = "技术人员" }).ClickAsync();
        var pointName = point["name"]!.GetValue<string>();
        await manager.Locator("[data-testid=technician-filter]").FillAsync(pointName);
        // The list narrows to the point's technicians as the name is typed.
        var pointCells = manager.Locator("[data-testid=technician-list] tbody tr td:nth-child(2)");
        await Assertions.Expect(pointCells.First).ToHaveTextAsync(pointName);
        Assert.All(await pointCells.AllInnerTextsAsync(), c => Assert.Equal(pointName, c.Trim()));
        await Assertions.Expect(manager.Locator("[data-testid=certificate-expiring]").First).ToHaveTextAsync("30 天内到期");
        await Assertions.Expect(manager.Locator("[data-testid=certificate-expired]").First).ToHaveTextAsync("已过期，不再派单");
        await manager.ScreenshotAsync(new() { Path = Shot("network-enterprise.png") });
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
