using Microsoft.Playwright;
using MiniExcelLibs;

namespace XinchuangFlow.EndToEnd.Tests;

/// <summary>
/// The network coverage map in the browser (NET-3, DSH-1): the Data Bureau opens Guangxi by county, clicks a red county
/// on the map — 西林县, which no active integrator of the demo serves —, sees that no integrator covers it, exports the
/// county's list to Excel, and the workbook holds the page's rows.
/// </summary>
public class CoverageBrowserTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>西林县 (百色市), the demo's uncovered county, and its seat's approximate position (GCJ-02).</summary>
    private const string Xilin = "451030";
    private const double XilinLongitude = 105.0938, XilinLatitude = 24.4898;
    private static string Shot(string name) => Path.Combine(AppFixture.Artifacts, name);

    [Fact]
    public async Task TheBureau_ClicksARedCounty_SeesNoIntegratorCoversIt_AndExportsTheListToExcel()
    {
        var page = await app.SignedInPageAsync(options: new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1000 }, AcceptDownloads = true });
        var errors = AppFixture.WatchForErrors(page);
        await page.GotoAsync("/coverage");
        await AppFixture.WaitLiveAsync(page);
        var map = page.Locator("[data-testid=coverage-map]");
        await Assertions.Expect(map).ToHaveAttributeAsync("data-rendered", "true", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=coverage-scope]")).ToContainTextAsync("全区");
        // The red counties are listed beside the map, 西林县 among them.
        await Assertions.Expect(page.Locator($"[data-testid=uncovered-{Xilin}]")).ToHaveTextAsync("西林县");

        // The map really draws Guangxi's 111 counties, each county in the series, and 西林县 in red.
        var drawn = await page.EvaluateAsync<string[]>(
            """
            code => {
                const chart = echarts.getInstanceByDom(document.querySelector('[data-testid=coverage-map]'));
                const series = chart.getModel().getSeriesByIndex(0);
                const data = series.getData();
                const i = data.indexOfName(code);
                return [String(series.coordinateSystem.regions.length), String(data.count()), String(data.getItemVisual(i, 'style').fill)];
            }
            """, Xilin);
        Assert.Equal(["111", "111", "#d32f2f"], drawn);
        await page.ScreenshotAsync(new() { Path = Shot("coverage-map.png") });

        // A click on 西林县 where the map draws it opens its list: no integrator covers it.
        var at = await page.EvaluateAsync<double[]>(
            """
            ([lng, lat]) => {
                const el = document.querySelector('[data-testid=coverage-map]');
                const p = echarts.getInstanceByDom(el).convertToPixel({ seriesIndex: 0 }, [lng, lat]);
                const r = el.getBoundingClientRect();
                return [r.left + p[0], r.top + p[1]];
            }
            """, new[] { XilinLongitude, XilinLatitude });
        await page.Mouse.ClickAsync((float)at[0], (float)at[1]);
        var county = page.Locator("[data-testid=coverage-county]");
        await Assertions.Expect(county.Locator("[data-testid=coverage-county-name]")).ToHaveTextAsync("西林县（百色市）");
        await Assertions.Expect(county.Locator("[data-testid=coverage-county-status]")).ToHaveTextAsync("无任何正常派单的集成商在此设有服务网点");
        // The suspended integrator's point there is grey, and the page says why it does not count.
        await Assertions.Expect(county.Locator("[data-testid=coverage-not-counted]")).ToContainTextAsync("暂停派单");
        var rows = county.Locator("[data-testid=coverage-enterprises] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(7);   // four integrators and three vendors
        var active = new[] { "广西桂信科技集成有限公司", "南宁八桂数智服务有限公司", "柳州信创系统集成有限公司" };
        foreach (var name in active)
            await Assertions.Expect(rows.Filter(new() { HasText = name }).Locator("[data-testid=coverage-row-covers]")).ToHaveTextAsync("未覆盖");
        await page.ScreenshotAsync(new() { Path = Shot("coverage-county.png") });

        // The export is a real workbook with the page's rows.
        var download = await page.RunAndWaitForDownloadAsync(() => county.Locator("[data-testid=coverage-export]").ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename);
        var file = Shot("coverage-county.xlsx");
        await download.SaveAsAsync(file);
        var sheet = MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.All(sheet, r => Assert.Equal("西林县", r["县区"]));
        Assert.Equal(7, sheet.Select(r => (string)r["企业"]).Distinct().Count());
        foreach (var name in active)
        {
            var row = Assert.Single(sheet, r => (string)r["企业"] == name);
            Assert.Equal(("集成服务商", "正常派单", "未覆盖", ""), ((string)row["类型"], (string)row["名录状态"], (string)row["是否覆盖"], row["服务网点"] as string ?? ""));
        }
        Assert.DoesNotContain(sheet, r => (string)r["类型"] == "集成服务商" && (string)r["名录状态"] == "正常派单" && (string)r["是否覆盖"] == "覆盖");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task AManager_NamesItsEnterprisesLiaison_AndMayEditNoOtherParty()
    {
        var page = await app.SignedInPageAsync("manager@xinchuang.local", "Demo#2026xf",
            new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1000 } });
        await page.GotoAsync("/liaisons");
        await AppFixture.WaitLiveAsync(page);
        // Every party is listed (the seeded liaisons), grouped; only the manager's own enterprise has an edit button.
        await Assertions.Expect(page.Locator("[data-testid=liaisons-cities] tbody tr")).ToHaveCountAsync(14);
        await Assertions.Expect(page.Locator("[data-testid=liaison-edit]")).ToHaveCountAsync(1);
        var own = page.Locator("tr[data-testid^=liaison-enterprise-]").Filter(new() { HasText = "南宁八桂数智服务有限公司" });
        await own.Locator("[data-testid=liaison-edit]").ClickAsync();
        await AppFixture.Field(page, "liaison-edit-name").FillAsync("覃晓峰");
        await AppFixture.Field(page, "liaison-edit-phone").FillAsync("0771-5612345");
        await AppFixture.Field(page, "liaison-edit-deputy-name").FillAsync("");
        await AppFixture.Field(page, "liaison-edit-deputy-phone").FillAsync("13877165432");
        await page.Locator("[data-testid=liaison-save]").ClickAsync();
        // A deputy's phone without the deputy is refused, under the field.
        await Assertions.Expect(page.Locator("[data-testid=liaison-save]")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("请填写此项。")).ToBeVisibleAsync();
        await AppFixture.Field(page, "liaison-edit-deputy-name").FillAsync("蒙丽华");
        await page.Locator("[data-testid=liaison-save]").ClickAsync();
        await Assertions.Expect(own.Locator("[data-testid=liaison-name]")).ToHaveTextAsync("覃晓峰");
        await Assertions.Expect(own.Locator("[data-testid=liaison-deputy-name]")).ToHaveTextAsync("蒙丽华");
        await page.ScreenshotAsync(new() { Path = Shot("liaisons.png"), FullPage = true });
    }
}
