using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Dashboards;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Infrastructure.Hosting;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Benchmarks;

public sealed record DashboardResult(int Tickets, int Days, TimeSpan Fill, TimeSpan Fold, long FigureRows, long ProductRows, Percentiles Baseline, Percentiles Region,
    Percentiles City, Percentiles RegionQuarter, Percentiles CityQuarter, Percentiles Incremental);

/// <summary>
/// PERF-2 (dashboards): N historical tickets spread over three years (on-site clocks kept or missed, same city or
/// another, ratings, platforms), folded once into the daily figures by the job's own fold; then the regional and a
/// city's dashboard (<see cref="DashboardService.ViewAsync"/>: the last 12 weeks, and a whole quarter) measured end to
/// end, and a fold after 100 tickets changed. The baseline of the run is a trivial query on the same database: one
/// ticket read by its key.
/// </summary>
public static class DashboardWorkloads
{
    private static readonly string[] Categories = ProductCategories.Names.Keys.ToArray();
    private static readonly (string Os, string Cpu)[] Platforms =
        [("统信UOS 20", "龙芯 3A5000"), ("统信UOS 20", "飞腾 D2000"), ("银河麒麟 V10", "飞腾 FT-2000/4"), ("银河麒麟 V10", "鲲鹏 920"), ("中科方德", "兆芯 KX-6000"), ("", "")];

    public static async Task<DashboardResult> RunAsync(DatabaseProvider provider, string cs, int n)
    {
        using var host = await EngineWorkloads.StartHostAsync(provider, cs, TimeProvider.System, new CommitCounter());
        var services = host.Services;
        var factory = services.GetRequiredService<IDbContextFactory<XfDbContext>>();
        await services.GetRequiredService<DatabaseInitializer>().ImportAsync(CancellationToken.None);
        // XF_DASH_REUSE=1 with a database of an earlier run (its connection string): measure again without writing and folding.
        var reuse = Environment.GetEnvironmentVariable("XF_DASH_REUSE") == "1";
        var enterprises = Enumerable.Range(1, 12).Select(i => new Enterprise(Guid.CreateVersion7(), $"集成商{i:00}", EnterpriseKind.Integrator, ShortlistStatus.Active)).ToList();
        var sw = Stopwatch.StartNew();
        int days;
        Guid sample;
        if (reuse)
        {
            await using var db = await factory.CreateDbContextAsync();
            sample = await db.Tickets.AsNoTracking().OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
            days = 1_097;
        }
        else
        {
            await using (var db = await factory.CreateDbContextAsync())
            {
                db.Enterprises.AddRange(enterprises);
                await db.SaveChangesAsync();
            }
            (days, sample) = await FillAsync(factory, n, enterprises);
        }
        var fill = sw.Elapsed;
        Console.Error.WriteLine($"{provider}: {n:N0} tickets written in {fill.TotalSeconds:0} s");
        var figures = services.GetRequiredService<IDashboardFigures>();
        sw.Restart();
        if (!reuse) await figures.FoldAsync();
        var fold = sw.Elapsed;
        Console.Error.WriteLine($"{provider}: first fold in {fold.TotalSeconds:0} s");
        long figureRows, productRows;
        await using (var db = await factory.CreateDbContextAsync())
        {
            figureRows = await db.DailyFigures.LongCountAsync();
            productRows = await db.DailyProductFigures.LongCountAsync();
        }
        var dashboards = services.GetRequiredService<DashboardService>();
        var bureau = Actor.Of("bureau@bench", [Roles.DataBureauAdmin]);
        var nanning = Actor.Of("nanning@bench", [Roles.MunicipalCoordinator], cityCode: "4501");
        var today = Domain.Time.ChinaTime.Today(TimeProvider.System);
        var lastQuarter = today.Month <= 3 ? $"{today.Year - 1}Q4" : $"{today.Year}Q{(today.Month - 1) / 3}";
        var baseline = await Percentiles.MeasureAsync(async () =>
        {
            await using var db = await factory.CreateDbContextAsync();
            await db.Tickets.AsNoTracking().Where(t => t.Id == sample).Select(t => t.Number).FirstAsync();
        });
        var region = await Percentiles.MeasureAsync(() => dashboards.ViewAsync(bureau));
        var city = await Percentiles.MeasureAsync(() => dashboards.ViewAsync(nanning));
        var regionQuarter = await Percentiles.MeasureAsync(() => dashboards.ViewAsync(bureau, lastQuarter));
        var cityQuarter = await Percentiles.MeasureAsync(() => dashboards.ViewAsync(nanning, lastQuarter));
        // The job's round after 100 tickets of recent days changed (closed, rated).
        var incremental = await Percentiles.MeasureAsync(async () =>
        {
            await using (var db = await factory.CreateDbContextAsync())
            {
                var now = DateTimeOffset.UtcNow;
                var recent = await db.Tickets.Where(t => t.CreatedAt > now.AddDays(-20)).OrderBy(t => t.Id).Take(100).ToListAsync();
                foreach (var t in recent) (t.UpdatedAt, t.Satisfaction) = (now, (t.Satisfaction ?? 3) % 5 + 1);
                await db.SaveChangesAsync();
            }
            await figures.FoldAsync();
        }, runs: 10);
        return new DashboardResult(n, days, fill, fold, figureRows, productRows, baseline, region, city, regionQuarter, cityQuarter, incremental);
    }

    /// <summary>Writes the tickets in batches of 10,000 (<see cref="BulkWriter"/>), spread evenly over the last three years. Returns the days and one ticket's id.</summary>
    private static async Task<(int Days, Guid Sample)> FillAsync(IDbContextFactory<XfDbContext> factory, int n, List<Enterprise> enterprises)
    {
        var counties = GuangxiDivisions.Shipped.Counties;
        var random = new Random(2_026);
        var now = DateTimeOffset.UtcNow;
        var start = now.AddYears(-3);
        var step = (now - start).Ticks / n;
        var calendar = WorkingCalendar.Natural;
        var same = new TargetReason { Basis = TargetReason.OnSiteSame }.Encode();
        var other = new TargetReason { Basis = TargetReason.OnSiteOther }.Encode();
        var sample = Guid.Empty;
        const int batch = 10_000;
        for (var from = 0; from < n; from += batch)
        {
            var tickets = new List<Ticket>(batch);
            for (var i = from; i < Math.Min(n, from + batch); i++)
            {
                var county = counties[random.Next(counties.Count)];
                var created = start.AddTicks(step * i);
                var sameCity = random.Next(10) < 8;
                var clocks = new TicketClocks();
                clocks.OnSite.Start(created, TimeSpan.FromHours(sameCity ? 4 : 12), sameCity ? same : other);
                clocks.OnSite.Stop(created.AddMinutes(random.Next(30, sameCity ? 330 : 900)), calendar);
                var (os, cpu) = Platforms[random.Next(Platforms.Length)];
                var open = i >= n - 2_000;
                var ticket = new Ticket
                {
                    Id = Guid.CreateVersion7(created), Number = $"GX-{county.ParentCode}-{created:yyyyMMdd}-{i:0000000}", InstanceId = Guid.CreateVersion7(created),
                    Channel = "portal", CreatedAt = created, UpdatedAt = created.AddHours(20), ProcurementUnit = $"{county.Name}财政局", ContactName = "联系人",
                    CityCode = county.ParentCode, CountyCode = county.Code, ProductCategory = Categories[random.Next(Categories.Length)], Os = os.Length == 0 ? null : os,
                    Cpu = cpu.Length == 0 ? null : cpu, Title = "历史工单", Description = "历史工单", IntegratorId = enterprises[random.Next(enterprises.Count)].Id,
                    Status = open ? TicketStatus.Accepted : TicketStatus.Closed, ClosedAt = open ? null : created.AddHours(20), ResolvedAt = open ? null : created.AddHours(10),
                    Satisfaction = open || random.Next(4) == 0 ? null : random.Next(10) < 8 ? 5 - random.Next(2) : 1 + random.Next(3), ClocksJson = clocks.Serialize(),
                    NextDueAt = open ? now.AddMinutes(random.Next(-600, 1440)) : null, NextClock = open ? "resolution" : null,
                };
                if (i == n / 2) sample = ticket.Id;
                tickets.Add(ticket);
            }
            await using var db = await factory.CreateDbContextAsync();
            await BulkWriter.InsertAsync(db, tickets);
        }
        return ((int)(now - start).TotalDays + 1, sample);
    }
}
