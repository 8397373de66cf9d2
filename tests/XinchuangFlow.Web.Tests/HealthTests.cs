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
        Assert.Equal("Healthy", await factory.CreateClient().GetStringAsync("/health"));
    }
}
