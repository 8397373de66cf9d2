using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using XinchuangFlow.Infrastructure.Hosting;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Web.Tests;

public sealed class WarmSqliteAppFactory : WebAppFactory
{
    protected override bool WarmUp => true;
}

public sealed class WarmPostgresAppFactory : PostgresWebAppFactory
{
    protected override bool WarmUp => true;
}

/// <summary>
/// The start's warm-up (PERF-3, cold start): an app node makes the reads of a first ticket before it takes requests —
/// every step runs on the real database, and it writes nothing. Its speed is measured by the benchmark, not here.
/// </summary>
public abstract class StartupWarmUpTests(WebAppFactory factory)
{
    private static readonly string[] Steps = ["definitions", "knowledge", "cases", "dispatch"];

    [Fact]
    public async Task AnAppNode_WarmsUpEveryStepAsItStarts_AndWritesNothing()
    {
        using var client = factory.CreateClient();
        var warmUp = factory.Services.GetRequiredService<StartupWarmUp>();
        await warmUp.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        // Every step ran: none failed (a failure is logged as a warning and skipped), each is named with its time.
        var lines = factory.Logs.Lines.Where(l => l.Category == typeof(StartupWarmUp).FullName).ToList();
        Assert.DoesNotContain(lines, l => l.Level >= LogLevel.Warning);
        var done = Assert.Single(lines, l => l.Message.StartsWith("Warmed up in", StringComparison.Ordinal));
        foreach (var step in Steps) Assert.Matches($@"\b{step} \d+ ms", done.Message);

        // Made again, it leaves every table an intake writes as it was.
        var before = await RowsAsync();
        await warmUp.StartAsync(CancellationToken.None);
        await warmUp.Completion.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(before, await RowsAsync());
        Assert.Equal(2, factory.Logs.Lines.Count(l => l.Category == typeof(StartupWarmUp).FullName && l.Message.StartsWith("Warmed up in", StringComparison.Ordinal)));
    }

    private async Task<string> RowsAsync()
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync();
        var counts = new[]
        {
            await db.Tickets.CountAsync(), await db.Instances.CountAsync(), await db.Tasks.CountAsync(), await db.Bookmarks.CountAsync(),
            await db.Timers.CountAsync(), await db.Journal.CountAsync(), await db.CaseEvents.CountAsync(), await db.Audit.CountAsync(),
            await db.NumberSequences.SumAsync(s => s.Last),
        };
        return string.Join(",", counts);
    }
}

public sealed class StartupWarmUpSqliteTests(WarmSqliteAppFactory factory) : StartupWarmUpTests(factory), IClassFixture<WarmSqliteAppFactory>;
public sealed class StartupWarmUpPostgresTests(WarmPostgresAppFactory factory) : StartupWarmUpTests(factory), IClassFixture<WarmPostgresAppFactory>;
