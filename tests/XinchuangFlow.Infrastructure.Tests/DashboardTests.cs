using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Dashboards;
using XinchuangFlow.Domain.Dashboards;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Infrastructure.Persistence;
using XinchuangFlow.Infrastructure.Tests.Support;

namespace XinchuangFlow.Infrastructure.Tests;

/// <summary>
/// The dashboards (DSH-1, DSH-2) on a real database: the daily figures folded by the job's fold, each role's view of
/// them, the drill-down lists within the caller's scope, a narrowing outside it refused, and a fold that only folds
/// again the days that changed.
/// </summary>
public abstract class DashboardTests : IAsyncLifetime
{
    // Wednesday 2026-08-12 10:00 China time.
    private static readonly DateTimeOffset Now = new(2026, 8, 12, 2, 0, 0, TimeSpan.Zero);
    private static readonly GuangxiDivisions D = GuangxiDivisions.Shipped;
    private static readonly string Nanning = D.CountiesOf("4501")[0].Code, Nanning2 = D.CountiesOf("4501")[1].Code, Liuzhou = D.CountiesOf("4502")[0].Code;
    private EngineHarness _h = null!;
    private Enterprise _a = null!, _b = null!;
    private int _n;
    protected abstract ITestDatabases Databases { get; }

    private DashboardService Dashboards => _h.Services.GetRequiredService<DashboardService>();
    private IDashboardFigures Figures => _h.Services.GetRequiredService<IDashboardFigures>();
    private IDbContextFactory<XfDbContext> Factory => _h.Services.GetRequiredService<IDbContextFactory<XfDbContext>>();
    private static readonly Actor Bureau = Actor.Of("bureau@test", [Roles.DataBureauAdmin]);
    private static readonly Actor NanningDesk = Actor.Of("nanning@test", [Roles.MunicipalCoordinator], cityCode: "4501");
    private static readonly Actor Tech = Actor.Of("tech@test", [Roles.Technician]);
    private Actor Manager(Enterprise e) => Actor.Of($"manager-{e.Name}@test", [Roles.EnterpriseManager], e.Id);

    public async Task InitializeAsync()
    {
        _h = await EngineHarness.StartAsync(Databases.Provider, await Databases.CreateAsync(), new FakeTimeProvider(Now));
        await _h.Initializer.ImportAsync(CancellationToken.None);
        await using var db = await Factory.CreateDbContextAsync();
        _a = new Enterprise(Guid.CreateVersion7(), "甲集成商", EnterpriseKind.Integrator, ShortlistStatus.Active);
        _b = new Enterprise(Guid.CreateVersion7(), "乙集成商", EnterpriseKind.Integrator, ShortlistStatus.Active);
        db.Enterprises.AddRange(_a, _b);
        await db.SaveChangesAsync();
        // Monday 2026-08-10: 甲 two Nanning tickets (one closed and rated 4, one open and overdue by the tech), one in a second
        // Nanning county (rated 1); 乙 one in Liuzhou (closed, rated 5) and one in Nanning (open). Tuesday: 乙 one in Liuzhou, cancelled.
        var monday = new DateTimeOffset(2026, 8, 10, 9, 0, 0, TimeSpan.FromHours(8));
        await AddAsync(_a, Nanning, monday, TicketStatus.Closed, 4, closedAfter: TimeSpan.FromHours(5), os: "统信UOS");
        await AddAsync(_a, Nanning, monday.AddHours(1), TicketStatus.OnSite, null, technician: "tech@test", dueAt: Now.AddHours(-1));
        await AddAsync(_a, Nanning2, monday.AddHours(2), TicketStatus.Closed, 1, closedAfter: TimeSpan.FromHours(3));
        await AddAsync(_b, Liuzhou, monday.AddHours(3), TicketStatus.Closed, 5, closedAfter: TimeSpan.FromDays(1), category: "peripheral");
        await AddAsync(_b, Nanning, monday.AddHours(4), TicketStatus.Dispatched, null, dueAt: Now.AddHours(3));
        await AddAsync(_b, Liuzhou, monday.AddDays(1), TicketStatus.Cancelled, null);
    }

    private async Task AddAsync(Enterprise e, string county, DateTimeOffset at, TicketStatus status, int? rating, TimeSpan? closedAfter = null, string? technician = null,
        DateTimeOffset? dueAt = null, string category = "terminal", string? os = null)
    {
        await using var db = await Factory.CreateDbContextAsync();
        _n++;
        at = at.ToUniversalTime();   // PostgreSQL stores UTC
        db.Tickets.Add(new Ticket
        {
            Id = Guid.CreateVersion7(), Number = $"GX-{county[..4]}-20260810-{_n:00000}", InstanceId = Guid.CreateVersion7(), Channel = "portal", ProcurementUnit = "某局",
            CityCode = county[..4], CountyCode = county, ProductCategory = category, Os = os, Impact = "single", Title = $"故障{_n}", Description = "无法开机",
            Status = status, CreatedAt = at, UpdatedAt = at, ClosedAt = closedAfter is { } c ? at + c : null, IntegratorId = e.Id, Satisfaction = rating,
            TechnicianUser = technician, NextDueAt = dueAt,
        });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        await Databases.DisposeAsync();
    }

    [Fact]
    public async Task EachRole_SeesItsOwnFigures()
    {
        // The first fold: the 10th and the 11th (tickets created on both; 乙's Liuzhou ticket closed on the 11th).
        Assert.Equal(2, await Figures.FoldAsync());

        var region = await Dashboards.ViewAsync(Bureau);
        // Five tickets count (the cancelled one not); closed: three; open now: two, one past its deadline.
        Assert.Equal((5, 3, 2, 1), (region.Totals.Created, region.Totals.Closed, region.Totals.Open, region.Totals.Overdue));
        Assert.Equal((10, 3, 3.33), (region.Totals.SatisfactionSumCheck(), region.Totals.Rated, region.Totals.Satisfaction));
        Assert.Equal(["4501", "4502"], region.ByCity.Where(c => c.Created > 0).Select(c => c.Key));
        Assert.Equal(111, region.MapCounties.Count);
        // The region reads the coarser rows (per county; per city and enterprise; per category and platform): the same sums.
        Assert.Equal([(Nanning, 3, 1), (Nanning2, 1, 1), (Liuzhou, 1, 1)],
            region.ByCounty.Where(r => r.Created > 0).OrderByDescending(r => r.Created).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Created, r.Rated)));
        Assert.Equal([("乙集成商", 2, 1), ("甲集成商", 3, 2)], region.ByEnterprise.Select(e => (e.Name, e.Created, e.Closed)).OrderBy(e => e.Name, StringComparer.Ordinal));
        Assert.Equal([("peripheral", 1), ("terminal", 4)], region.TopCategories.OrderBy(c => c.Category).Select(c => (c.Category, c.Tickets)));
        Assert.Equal([("统信UOS", 1)], region.TopPlatforms.Select(p => (p.Os, p.Tickets)));
        Assert.Equal(5, region.Weeks.Sum(w => w.Created));

        var city = await Dashboards.ViewAsync(NanningDesk);
        Assert.Equal(("city", "4501"), (city.Reach, city.CityCode));
        // Nanning: four tickets (甲's three, 乙's open one), two closed, two open (one overdue); no Liuzhou anywhere.
        Assert.Equal((4, 2, 2, 1), (city.Totals.Created, city.Totals.Closed, city.Totals.Open, city.Totals.Overdue));
        Assert.All(city.ByCounty, r => Assert.StartsWith("4501", r.Key));
        Assert.All(city.MapCounties, c => Assert.StartsWith("4501", c));
        Assert.Equal(["4501"], city.ByCity.Select(c => c.Key));
        Assert.Equal(["乙集成商", "甲集成商"], city.ByEnterprise.Select(e => e.Name).Order(StringComparer.Ordinal));

        var b = await Dashboards.ViewAsync(Manager(_b));
        // 乙: the Liuzhou ticket (closed, rated 5) and the open Nanning one.
        Assert.Equal((2, 1, 1, 0, 5.0), (b.Totals.Created, b.Totals.Closed, b.Totals.Open, b.Totals.Overdue, b.Totals.Satisfaction));
        Assert.Equal([("peripheral", 1), ("terminal", 1)], b.TopCategories.OrderBy(c => c.Category).Select(c => (c.Category, c.Tickets)));

        var tech = await Dashboards.ViewAsync(Tech);
        Assert.Equal(("technician", 1, 1, 1), (tech.Reach, tech.Totals.Created, tech.Totals.Open, tech.Totals.Overdue));
    }

    [Fact]
    public async Task TheDrillDown_KeepsToTheCallersScope_AndRefusesAnotherCityOrEnterprise()
    {
        await Figures.FoldAsync();
        var nanning = await Dashboards.TicketsAsync(NanningDesk, "created", null, null, null, null, null, null, null, null, null, 0, 50);
        Assert.Equal(4, nanning.Total);
        Assert.All(nanning.Rows, r => Assert.Equal("4501", r.CityCode));
        var overdue = await Dashboards.TicketsAsync(NanningDesk, "overdue", null, null, null, null, null, null, null, null, null, 0, 50);
        Assert.Equal("故障2", Assert.Single(overdue.Rows).Title);
        // A county of the city narrows; a county, a city of another city is refused.
        Assert.Equal(1, (await Dashboards.TicketsAsync(NanningDesk, "created", null, null, null, null, Nanning2, null, null, null, null, 0, 50)).Total);
        await Assert.ThrowsAsync<ForbiddenException>(() => Dashboards.TicketsAsync(NanningDesk, "created", null, null, null, null, Liuzhou, null, null, null, null, 0, 50));
        await Assert.ThrowsAsync<ForbiddenException>(() => Dashboards.TicketsAsync(NanningDesk, "created", null, null, null, "4502", null, null, null, null, null, 0, 50));
        await Assert.ThrowsAsync<ForbiddenException>(() => Dashboards.ViewAsync(NanningDesk, cityCode: "4502"));
        // An enterprise's manager sees its own tickets and is refused another enterprise's.
        var a = await Dashboards.TicketsAsync(Manager(_a), "created", null, null, null, null, null, null, null, null, null, 0, 50);
        Assert.Equal(3, a.Total);
        await Assert.ThrowsAsync<ForbiddenException>(() => Dashboards.TicketsAsync(Manager(_a), "created", null, null, null, null, null, _b.Id, null, null, null, 0, 50));
        // The region reads the same list of a Liuzhou county; someone with no dashboard reads nothing.
        Assert.Equal(1, (await Dashboards.TicketsAsync(Bureau, "created", null, null, null, null, Liuzhou, null, null, null, null, 0, 50)).Total);
        await Assert.ThrowsAsync<ForbiddenException>(() => Dashboards.ViewAsync(Actor.Of("unit@test", [Roles.ProcurementUser])));
        // The rated list and a platform's.
        Assert.Equal(2, (await Dashboards.TicketsAsync(NanningDesk, "rated", null, null, null, null, null, null, null, null, null, 0, 50)).Total);
        Assert.Equal(1, (await Dashboards.TicketsAsync(Bureau, "created", null, null, null, null, null, null, null, "统信UOS", null, 0, 50)).Total);
        await Assert.ThrowsAsync<InvalidInputException>(() => Dashboards.TicketsAsync(Bureau, "everything", null, null, null, null, null, null, null, null, null, 0, 50));
    }

    /// <summary>
    /// The on-site list holds the tickets whose on-site clock was judged (kept or missed) — not every ticket created — says
    /// how many were late, and lists the late ones first, newest first within each.
    /// </summary>
    [Fact]
    public async Task TheOnSiteList_HoldsTheJudgedTickets_TheLateOnesFirst_AndCountsThem()
    {
        // Tuesday 2026-08-11: four Nanning tickets of 甲 with on-site clocks (4 hours): the oldest missed it (5 hours), the
        // next kept it (1 hour), the third still runs past its deadline (missed), the newest still runs within it (not judged).
        var tuesday = new DateTimeOffset(2026, 8, 11, 8, 0, 0, TimeSpan.FromHours(8));
        var missedOld = await OnSiteAsync(tuesday, used: TimeSpan.FromHours(5));
        var kept = await OnSiteAsync(tuesday.AddHours(1), used: TimeSpan.FromHours(1));
        var running = await OnSiteAsync(tuesday.AddHours(2), used: null, dueAt: Now.AddHours(-2));
        await OnSiteAsync(tuesday.AddHours(3), used: null, dueAt: Now.AddHours(2));

        var list = await Dashboards.TicketsAsync(Bureau, DashboardFigureCodes.OnSite, null, null, null, null, Nanning, null, null, null, null, 0, 50);
        Assert.Equal((3, 2), (list.Total, list.Missed));
        Assert.Equal([running, missedOld, kept], list.Rows.Select(r => r.Number));
        Assert.Equal([false, false, true], list.Rows.Select(r => r.OnSiteKept));
        // Paged: the second page goes on where the first stopped.
        var second = await Dashboards.TicketsAsync(Bureau, DashboardFigureCodes.OnSite, null, null, null, null, Nanning, null, null, null, null, 2, 2);
        Assert.Equal([kept], second.Rows.Select(r => r.Number));
        // The other lists say nothing of lateness.
        Assert.Null((await Dashboards.TicketsAsync(Bureau, DashboardFigureCodes.Created, null, null, null, null, Nanning, null, null, null, null, 0, 50)).Missed);
    }

    /// <summary>A Nanning ticket of 甲 whose 4-hour on-site clock stopped after <paramref name="used"/>, or still runs (due at <paramref name="dueAt"/>).</summary>
    private async Task<string> OnSiteAsync(DateTimeOffset at, TimeSpan? used, DateTimeOffset? dueAt = null)
    {
        var clocks = new TicketClocks();
        clocks.OnSite.Start(at, TimeSpan.FromHours(4));
        if (used is { } u) clocks.OnSite.Stop(at + u, XinchuangFlow.Domain.Sla.WorkingCalendar.Natural);
        await using var db = await Factory.CreateDbContextAsync();
        _n++;
        var number = $"GX-4501-20260811-{_n:00000}";
        db.Tickets.Add(new Ticket
        {
            Id = Guid.CreateVersion7(), Number = number, InstanceId = Guid.CreateVersion7(), Channel = "portal", ProcurementUnit = "某局", CityCode = "4501",
            CountyCode = Nanning, ProductCategory = "terminal", Impact = "single", Title = $"故障{_n}", Description = "无法开机",
            Status = used is null ? TicketStatus.Dispatched : TicketStatus.Closed, CreatedAt = at.ToUniversalTime(), UpdatedAt = at.ToUniversalTime(),
            IntegratorId = _a.Id, ClocksJson = clocks.Serialize(), OnSiteDueAt = dueAt?.ToUniversalTime(), CheckInAt = used is { } v ? (at + v).ToUniversalTime() : null,
        });
        await db.SaveChangesAsync();
        return number;
    }

    [Fact]
    public async Task TheFold_FoldsAgainOnlyTheDaysThatChanged()
    {
        await Figures.FoldAsync();
        _h.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await Figures.FoldAsync());
        // The open Nanning ticket of 乙 is closed now: its creation day and today are folded again.
        await using (var db = await Factory.CreateDbContextAsync())
        {
            var t = await db.Tickets.SingleAsync(x => x.IntegratorId == _b.Id && x.Status == TicketStatus.Dispatched);
            (t.Status, t.ClosedAt, t.UpdatedAt, t.Satisfaction) = (TicketStatus.Closed, _h.Clock.GetUtcNow(), _h.Clock.GetUtcNow(), 3);
            await db.SaveChangesAsync();
        }
        Assert.Equal(2, await Figures.FoldAsync());
        var b = await Dashboards.ViewAsync(Manager(_b));
        Assert.Equal((2, 2, 0, 4.0), (b.Totals.Created, b.Totals.Closed, b.Totals.Open, b.Totals.Satisfaction));
        await using var check = await Factory.CreateDbContextAsync();
        // One row per grain, day, county and enterprise: folding again replaced the rows, it did not add to them.
        Assert.Equal(await check.DailyFigures.CountAsync(), await check.DailyFigures.Select(f => new { f.Grain, f.Day, f.CityCode, f.CountyCode, f.EnterpriseId }).Distinct().CountAsync());
    }

    [Fact]
    public void TheView_ComposesHandComputedSums()
    {
        var e = Guid.CreateVersion7();
        var day = new DateOnly(2026, 8, 10);
        DailyFigure F(DateOnly d, string county, int created, int closed, int due, int met, int sameDue, int sameMet, int satSum, int satCount, int complaints) => new()
        {
            Day = d, CityCode = county[..4], CountyCode = county, EnterpriseId = e, Created = created, Closed = closed, OnSiteDue = due, OnSiteMet = met,
            SameCityDue = sameDue, SameCityMet = sameMet, OtherCityDue = due - sameDue, OtherCityMet = met - sameMet, SatisfactionSum = satSum,
            SatisfactionCount = satCount, Complaints = complaints,
        };
        var sums = DashboardSums.Of(
        [
            F(day, Nanning, 4, 1, 3, 1, 2, 1, 7, 2, 1),            // Monday: 1 of 3 on time (same city 1 of 2), ratings 5 + 2
            F(day.AddDays(1), Nanning2, 2, 2, 2, 2, 2, 2, 9, 2, 0), // Tuesday: 2 of 2, ratings 4 + 5
            F(day.AddDays(7), Nanning, 1, 0, 1, 0, 0, 0, 0, 0, 2),  // next Monday: 0 of 1 (another city)
        ], [new DailyProductFigure { Day = day, CityCode = "4501", EnterpriseId = e, ProductCategory = "terminal", Created = 7 }]);
        var view = DashboardService.Compose("city", new DashboardScope("4501"), day, day.AddDays(14), Now, sums, new OpenCounts([new OpenCount(Nanning, 2, 1)], []), D,
            new Dictionary<string, string> { [e.ToString()] = "甲集成商" });
        var t = view.Totals;
        // Created 7, closed 3; on site 3 of 6 = 50 %; same city 3 of 4 = 75 %, another city 0 of 2 = 0 %; satisfaction 16 / 4 = 4; complaints 3.
        Assert.Equal((7, 3, 50.0, 75.0, 0.0, 4.0, 3), (t.Created, t.Closed, t.OnSitePercent, t.SameCityPercent, t.OtherCityPercent, t.Satisfaction, t.Complaints));
        Assert.Equal((2, 1), (t.Open, t.Overdue));
        // Week one: 6 created, 3 closed, 3 of 5 = 60 %, (7 + 9) / 4 = 4; week two: 1 created, 0 of 1 = 0 %, no rating.
        Assert.Equal([(day, 6, 3, (double?)60.0, (double?)4.0), (day.AddDays(7), 1, 0, 0.0, null)],
            view.Weeks.Select(w => (w.Monday, w.Created, w.Closed, w.OnSitePercent, w.Satisfaction)));
        // Counties: Nanning 4 of … — 1 + 0 of 3 + 1 = 25 %; the second county 2 of 2 = 100 %.
        Assert.Equal(25.0, view.ByCounty.Single(r => r.Key == Nanning).OnSitePercent);
        Assert.Equal(100.0, view.ByCounty.Single(r => r.Key == Nanning2).OnSitePercent);
        Assert.Equal(D.CountiesOf("4501").Count, view.ByCounty.Count);
    }
}

internal static class DashboardRowChecks
{
    /// <summary>The sum of the ratings behind a mean (mean × count, rounded).</summary>
    public static int SatisfactionSumCheck(this DashboardRow r) => (int)Math.Round((r.Satisfaction ?? 0) * r.Rated);
}

public sealed class SqliteDashboardTests : DashboardTests
{
    protected override ITestDatabases Databases { get; } = new SqliteDatabases();
}

public sealed class PostgreSqlDashboardTests : DashboardTests
{
    protected override ITestDatabases Databases { get; } = new PostgreSqlDatabases();
}
