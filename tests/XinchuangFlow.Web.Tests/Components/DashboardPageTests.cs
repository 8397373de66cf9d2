using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Dashboards;
using XinchuangFlow.Application.Network;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Time;
using XinchuangFlow.Web.Components.Pages.Dashboard;
using XinchuangFlow.Web.Text;

namespace XinchuangFlow.Web.Tests.Components;

/// <summary>
/// The service dashboard (DSH-1, DSH-2) as rendered on the demo data, for each kind of reach: the figures counted now
/// say so, the period never ends after today, charts with nothing to draw say "no data", bars that say nothing (a
/// technician's cities) are left out, and the hotline desk and an enterprise's dispatcher have a dashboard of their own.
/// </summary>
public sealed class DashboardPageTests(WebAppFactory app) : IClassFixture<WebAppFactory>, IAsyncLifetime
{
    private static readonly Actor Admin = Actor.Of("admin@xinchuang.local", [Roles.DataBureauAdmin]);
    private static readonly Actor Tech = Actor.Of("tech@xinchuang.local", [Roles.Technician]);
    private readonly BunitContext _ctx = new();

    private T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();
    private static string Text(string key) => SharedTexts.Find(key) ?? key;

    public Task InitializeAsync()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        foreach (var type in new[] { typeof(DashboardService), typeof(INetworkRepository), typeof(GuangxiDivisions), typeof(TimeProvider), typeof(CoverageService),
                     typeof(AccessService) })
            _ctx.Services.AddSingleton(type, app.Services.GetRequiredService(type));
        _ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private IRenderedComponent<CascadingValue<Actor>> Render(Actor actor)
    {
        var cut = _ctx.Render<CascadingValue<Actor>>(p => p.Add(x => x.Value, actor).AddChildContent<ServiceDashboard>());
        cut.WaitForElement("[data-testid=dashboard-scope]", TimeSpan.FromSeconds(20));
        return cut;
    }

    [Fact]
    public async Task OpenAndOverdue_SayTheyAreCountedNow_AndThePeriodEndsNoLaterThanToday()
    {
        var today = ChinaTime.Today(Get<TimeProvider>());
        var view = await Get<DashboardService>().ViewAsync(Admin);
        Assert.True(view.To.AddDays(-1) >= today);                               // the last 12 weeks run to the end of this week…
        Assert.Equal(today, view.LastDay);                                        // …but the page says today
        var cut = Render(Admin);
        Assert.Contains(string.Format(Text("Dashboard.Span"), Times.Date(view.From), Times.Date(today)), cut.Find("[data-testid=dashboard-scope]").TextContent);

        // The open and overdue cards say they are counted now; the period's figures do not.
        Assert.Contains(Text("Dashboard.Now"), cut.Find("[data-testid=dashboard-figure-open]").TextContent);
        Assert.Contains(Text("Dashboard.Now"), cut.Find("[data-testid=dashboard-figure-overdue]").TextContent);
        Assert.DoesNotContain(Text("Dashboard.Now"), cut.Find("[data-testid=dashboard-figure-created]").TextContent);
        // So does the overdue list's title (its tickets may be older than the period).
        cut.Find("[data-testid=dashboard-figure-overdue]").Click();
        cut.WaitForAssertion(() => Assert.Contains(Text("Dashboard.Now"), cut.Find("[data-testid=dashboard-list-title]").TextContent));

        // A quarter that has begun ends today too; a past one on its last day.
        var quarter = $"{today.Year}Q{(today.Month - 1) / 3 + 1}";
        Assert.Equal(today, (await Get<DashboardService>().ViewAsync(Admin, quarter)).LastDay);
        Assert.Equal(new DateOnly(today.Year - 1, 12, 31), (await Get<DashboardService>().ViewAsync(Admin, $"{today.Year - 1}Q4")).LastDay);
    }

    [Fact]
    public async Task TheOnSiteList_IsTitledByWhatItHolds_WithHowManyWereLate()
    {
        var cut = Render(Admin);
        cut.Find("[data-testid=dashboard-figure-onsite]").Click();
        cut.WaitForElement("[data-testid=dashboard-list-table]");
        var list = await Get<DashboardService>().TicketsAsync(Admin, DashboardFigureCodes.OnSite, null, null, null, null, null, null, null, null, null, 0, 20);
        Assert.NotNull(list.Missed);
        Assert.Equal(string.Format(Text("Dashboard.OnSiteListCount"), Text("Dashboard.OnSiteList"), list.Total, list.Missed),
            cut.Find("[data-testid=dashboard-list-title]").TextContent.Trim());
        // The late ones first: no "late" verdict after an "on time" one.
        var verdicts = cut.FindAll("[data-testid=dashboard-list-onsite]").Select(c => c.TextContent.Trim()).ToList();
        var firstKept = verdicts.IndexOf(Text("Dashboard.OnSite.kept"));
        Assert.True(firstKept < 0 || !verdicts.Skip(firstKept).Contains(Text("Dashboard.OnSite.missed")), string.Join(",", verdicts));
        // The number, the places and the verdict stay on one line.
        var row = cut.Find("[data-testid=dashboard-list-row]");
        Assert.All(new[] { 0, 4, 5, 8 }, i => Assert.Contains("xf-nowrap", row.Children[i].ClassName));
    }

    [Fact]
    public async Task ATechnician_SeesNoCityOrEnterpriseBars_AndAnEmptyChartSaysSo()
    {
        await Get<IDashboardFigures>().FoldAsync();                               // the region's figures (the scheduler is off here)
        var view = await Get<DashboardService>().ViewAsync(Tech);
        Assert.Equal("technician", view.Reach);
        Assert.True(view.ByCity.Count > 1);                                       // every city of the map has a line…
        Assert.False(view.ShowsCities);                                           // …but the bars would say nothing
        Assert.False(view.ShowsEnterprises);
        var cut = Render(Tech);
        Assert.Empty(cut.FindAll("[data-testid=dashboard-cities]"));
        Assert.Empty(cut.FindAll("[data-testid=dashboard-enterprises]"));
        // A chart with nothing to draw is marked empty and says "no data"; one with data is not.
        foreach (var (id, empty) in new[] { ("dashboard-platforms", view.TopPlatforms.Count == 0), ("dashboard-categories", view.TopCategories.Count == 0) })
        {
            var chart = cut.Find($"[data-testid={id}]");
            Assert.Equal(empty, chart.HasAttribute("data-empty"));
            Assert.Equal(empty, chart.GetAttribute("aria-label")!.Contains(Text("Dashboard.NoData")));
        }
        var region = Render(Admin);
        Assert.NotEmpty(region.FindAll("[data-testid=dashboard-cities]"));
        Assert.False(region.Find("[data-testid=dashboard-categories]").HasAttribute("data-empty"));
    }

    [Fact]
    public async Task TheHotlineDesk_ReadsTheRegion_AnEnterprisesDispatcher_ItsEnterprise()
    {
        var enterprise = (await Get<INetworkRepository>().EnterprisesAsync()).First(e => e.Kind == EnterpriseKind.Integrator).Id;
        var desk = Actor.Of("dispatcher@xinchuang.local", [Roles.Dispatcher]);
        var integrator = Actor.Of("integrator@xinchuang.local", [Roles.Dispatcher], enterprise);
        var access = Get<AccessService>();
        Assert.Equal((new DataReach(true, null, null), (string?)null), access.DashboardReachOf(desk));
        Assert.Equal((new DataReach(false, null, enterprise), (string?)null), access.DashboardReachOf(integrator));
        Assert.Equal((null, null), access.DashboardReachOf(Actor.Of("unit@xinchuang.local", [Roles.ProcurementUser])));

        var dashboards = Get<DashboardService>();
        var region = await dashboards.ViewAsync(desk);
        Assert.Equal(("region", (await dashboards.ViewAsync(Admin)).Totals.Created), (region.Reach, region.Totals.Created));
        var own = await dashboards.ViewAsync(integrator);
        Assert.Equal(("enterprise", enterprise), (own.Reach, own.EnterpriseId));
        // Another enterprise's figures are refused to an enterprise's dispatcher.
        await Assert.ThrowsAsync<ForbiddenException>(() => dashboards.ViewAsync(integrator, enterpriseId: Guid.CreateVersion7()));
    }
}
