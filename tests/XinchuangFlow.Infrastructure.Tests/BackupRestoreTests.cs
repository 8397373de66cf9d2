using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Infrastructure.Persistence;
using XinchuangFlow.Infrastructure.Tests.Support;
using static XinchuangFlow.Infrastructure.Tests.Support.FlowBuilder;

namespace XinchuangFlow.Infrastructure.Tests;

/// <summary>
/// Backup and restore as docs/operations.md describes them — SQLite's online backup, PostgreSQL's pg_dump/pg_restore —
/// taken while instances wait on tasks and timers, restored into a fresh database: a new node on the copy completes the
/// waiting tasks and fires the timers that fell due meanwhile, each once.
/// </summary>
public abstract class BackupRestoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);
    protected abstract ITestDatabases Databases { get; }
    protected abstract Task<string> BackupAndRestoreAsync(string source);
    private readonly List<EngineHarness> _nodes = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var n in _nodes) await n.DisposeAsync();
        await Databases.DisposeAsync();
    }

    private async Task<EngineHarness> NodeAsync(string cs, FakeTimeProvider clock)
    {
        var node = await EngineHarness.StartAsync(Databases.Provider, cs, clock);
        _nodes.Add(node);
        return node;
    }

    [Fact]
    public async Task ABackupTakenWhileInstancesWait_RestoredIntoAFreshDatabase_ResumesEveryTaskAndTimer()
    {
        var clock = new FakeTimeProvider(T0);
        var source = await Databases.CreateAsync();
        var before = await NodeAsync(source, clock);
        await before.PublishAsync(new FlowBuilder("on-task").Act("start", "xf.Start").Task("review", "Dispatcher", "ok").Act("end", "xf.End")
            .Chain("start", "review").Link("review", "ok", "end"));
        await before.PublishAsync(new FlowBuilder("on-timer").Var("fired", "number", 0).Act("start", "xf.Start")
            .Act("wait", "xf.Delay", new JsonObject { ["duration"] = "PT2H" })
            .Act("count", "xf.SetVariable", new JsonObject { ["variable"] = "fired", ["value"] = Expr("vars.fired + 1") })
            .Act("end", "xf.End").Chain("start", "wait", "count", "end"));
        var onTask = new List<Guid>();
        var onTimer = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            onTask.Add((await before.Runtime.StartAsync(new StartRequest("on-task"))).Id);
            onTimer.Add((await before.Runtime.StartAsync(new StartRequest("on-timer"))).Id);
        }

        var restored = await BackupAndRestoreAsync(source);
        // The copy is what a new node starts on; the clock has moved past the timers (the system was down meanwhile).
        clock.Advance(TimeSpan.FromHours(3));
        var after = await NodeAsync(restored, clock);
        Assert.Equal(20, await after.Runtime.DrainTimersAsync());
        Assert.Equal(0, await after.Runtime.DrainTimersAsync());
        foreach (var instance in await after.Store.LoadInstancesAsync(onTimer))
        {
            Assert.Equal(WorkflowStatus.Finished, instance.Status);
            Assert.Equal(1, instance.Variables["fired"]!.GetValue<int>());
        }
        var tasks = await after.Store.ListTasksAsync(new TaskQuery(Status: HumanTaskStatus.Open, Take: 100));
        Assert.Equal(onTask.Order(), tasks.Select(t => t.InstanceId).Order());
        foreach (var task in tasks) await after.Runtime.CompleteTaskAsync(task.Id, "ok", [], "dispatcher@test");
        Assert.All(await after.Store.LoadInstancesAsync(onTask), i => Assert.Equal(WorkflowStatus.Finished, i.Status));
    }
}

public sealed class SqliteBackupRestoreTests : BackupRestoreTests
{
    private readonly SqliteDatabases _databases = new();
    protected override ITestDatabases Databases => _databases;

    /// <summary>SQLite's online backup API (what <c>sqlite3 … ".backup"</c> uses), while the source is open.</summary>
    protected override async Task<string> BackupAndRestoreAsync(string source)
    {
        var target = await _databases.CreateAsync();
        await using var from = new SqliteConnection(source);
        await using var to = new SqliteConnection(target);
        await from.OpenAsync();
        await to.OpenAsync();
        from.BackupDatabase(to);
        return target;
    }
}

public sealed class PostgreSqlBackupRestoreTests : BackupRestoreTests
{
    private readonly PostgreSqlDatabases _databases = new();
    protected override ITestDatabases Databases => _databases;

    /// <summary><c>pg_dump -Fc</c> of the live database, <c>pg_restore</c> into a new, empty one.</summary>
    protected override async Task<string> BackupAndRestoreAsync(string source)
    {
        var target = await _databases.CreateAsync();
        var file = Path.Combine(Path.GetTempPath(), $"xf-{Guid.NewGuid():N}.dump");
        try
        {
            await RunAsync("pg_dump", ["-Fc", "-f", file, Url(source)]);
            await RunAsync("pg_restore", ["--no-owner", "-d", Url(target), file]);
        }
        finally { File.Delete(file); }
        return target;
    }

    private static string Url(string cs)
    {
        var b = new NpgsqlConnectionStringBuilder(cs);
        return $"postgresql://{b.Username}@{b.Host}:{b.Port}/{b.Database}";
    }

    private static async Task RunAsync(string tool, string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var err = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, $"{tool} failed: {await err}");
    }
}
