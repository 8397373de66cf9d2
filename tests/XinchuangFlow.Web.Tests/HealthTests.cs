using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace XinchuangFlow.Web.Tests;

/// <summary>The app as a node runs it: with its scheduler sweeping timers.</summary>
public sealed class SchedulingWebAppFactory : WebAppFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Engine:Scheduler", "true");
        builder.UseSetting("Engine:SchedulerName", "health-" + Guid.NewGuid().ToString("N"));
        builder.UseSetting("Health:CacheFor", "00:00:01");
    }
}

/// <summary>/health covers what a node is for: the database answers, its scheduler runs, no due timer waits unworked.</summary>
public class HealthTests(SchedulingWebAppFactory factory) : IClassFixture<SchedulingWebAppFactory>
{
    [Fact]
    public async Task Health_SaysWhenThisNodeSweepsNoTimers_AndWhenDueTimersWaitUnclaimed()
    {
        var config = factory.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();
        var scheduler = await factory.Services.GetRequiredKeyedService<Quartz.ISchedulerFactory>(config["Engine:SchedulerName"] ?? "XinchuangFlow").GetScheduler();
        Assert.Equal("Healthy", await factory.CreateClient().GetStringAsync("/health"));
        var db = factory.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<XinchuangFlow.Infrastructure.Persistence.XfDbContext>>();
        var orphan = new XinchuangFlow.Infrastructure.Persistence.TimerRow { BookmarkId = Guid.NewGuid(), InstanceId = Guid.NewGuid(), DueAt = DateTimeOffset.UtcNow.AddMinutes(-2) };
        await scheduler.Standby();
        try
        {
            await using (var ctx = await db.CreateDbContextAsync()) { ctx.Timers.Add(orphan); await ctx.SaveChangesAsync(); }
            // The checks' results are kept a second: the next ask after that sees the change.
            await Task.Delay(TimeSpan.FromSeconds(1.1));
            var sick = await factory.CreateClient().GetAsync("/health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, sick.StatusCode);
            var body = (await sick.Content.ReadFromJsonAsync<JsonObject>())!;
            var engine = body["checks"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "engine")!;
            Assert.Equal("Unhealthy", engine["status"]!.GetValue<string>());
            Assert.Contains("sweeps no timers", engine["description"]!.GetValue<string>());
            Assert.Contains("1 timer(s) overdue", engine["description"]!.GetValue<string>());
        }
        finally
        {
            await using (var ctx = await db.CreateDbContextAsync()) await ctx.Timers.Where(t => t.BookmarkId == orphan.BookmarkId).ExecuteDeleteAsync();
            await scheduler.Start();
        }
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        Assert.Equal("Healthy", await factory.CreateClient().GetStringAsync("/health"));
    }

    [Fact]
    public async Task Health_AskedByManyAtOnce_RunsItsChecksOncePerPeriod()
    {
        var cache = factory.Services.GetRequiredService<XinchuangFlow.Web.Hosting.HealthResultCache>();
        var client = factory.CreateClient();
        Assert.Equal("Healthy", await client.GetStringAsync("/health"));
        var before = cache.Runs;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => client.GetStringAsync("/health")));
        var elapsed = watch.Elapsed;
        Assert.All(answers, a => Assert.Equal("Healthy", a));
        // Two checks, each run at most once per second of the burst (and once more for a period begun before it).
        var allowed = 2 * ((int)Math.Ceiling(elapsed.TotalSeconds / cache.CacheFor.TotalSeconds) + 1);
        Assert.InRange(cache.Runs - before, 0, allowed);
        Assert.True(cache.Runs - before < 200, $"200 asks ran the checks {cache.Runs - before} times");
    }

    [Fact]
    public async Task Metrics_AreScrapedByPrometheus_WithTheEnginesAndThePlatformsMeasurements()
    {
        // Work for the engine: a unit files a ticket (bursts, a commit).
        var unit = await factory.LoginAsync("unit@xinchuang.local", "Demo#2026xf");
        var created = await unit.PostAsJsonAsync("/api/tickets", new JsonObject
        {
            ["contactName"] = "陆工", ["contactPhone"] = "0771-5550101", ["cityCode"] = "4501", ["countyCode"] = "450103",
            ["productCategory"] = "terminal", ["impact"] = "single", ["title"] = "指标测试：终端无法开机", ["description"] = "按电源键无反应。",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await factory.Services.GetRequiredService<XinchuangFlow.Infrastructure.Hosting.PlatformMetrics>().RefreshAsync(
            factory.Services.GetRequiredService<IDbContextFactory<XinchuangFlow.Infrastructure.Persistence.XfDbContext>>(), TimeProvider.System, CancellationToken.None);

        var text = "";
        for (var i = 0; i < 20 && !text.Contains("xf_tickets_open"); i++)
        {
            await Task.Delay(300);   // the exporter caches a scrape briefly
            text = await factory.CreateClient().GetStringAsync("/metrics");
        }
        double Value(string name) => text.Split('\n').Where(l => l.StartsWith(name + " ") || l.StartsWith(name + "{"))
            .Select(l => double.Parse(l.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(-1).Sum();
        Assert.True(Value("xf_engine_bursts_total") >= 1, text[..Math.Min(text.Length, 2000)]);
        Assert.True(Value("xf_engine_commit_duration_milliseconds_count") >= 1);
        Assert.True(Value("xf_tickets_open") >= 1);
        Assert.Contains("xf_tasks_open{", text);                                  // by age
        Assert.True(Value("xf_timers_waiting") >= 1);                             // the new ticket's SLA clocks
        Assert.Contains("http_server_request_duration_seconds", text);
    }
}
