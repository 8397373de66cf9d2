using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Infrastructure.Persistence;
using XinchuangFlow.Infrastructure.Tests.Support;
using static XinchuangFlow.Infrastructure.Tests.Support.FlowBuilder;

namespace XinchuangFlow.Infrastructure.Tests;

/// <summary>
/// OPS-3: two nodes, each with its own engine and its own real Quartz scheduler waking it, on one PostgreSQL database.
/// Both sweep at the same time (the second node adds capacity, it is no standby); every timer fires exactly once and no
/// instance takes a step twice — the engine's claims decide, not Quartz.
/// </summary>
public sealed class ClusterTests : IAsyncLifetime
{
    private readonly PostgreSqlDatabases _databases = new();
    private readonly List<EngineHarness> _nodes = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var n in _nodes) await n.DisposeAsync();
        await _databases.DisposeAsync();
    }

    [Fact]
    public async Task TwoNodesSweepTogether_AndEachTimerFiresOnce()
    {
        var cs = await _databases.CreateAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        var small = new Dictionary<string, string?> { ["Engine:TimerBatchSize"] = "20" };
        var a = await EngineHarness.StartAsync(DatabaseProvider.PostgreSql, cs, clock, scheduler: true, settings: small);
        _nodes.Add(a);
        await a.PublishAsync(new FlowBuilder("cluster-tick").Var("fired", "number", 0).Act("start", "xf.Start")
            .Act("wait", "xf.Delay", new JsonObject { ["duration"] = "PT1H" })
            .Act("count", "xf.SetVariable", new JsonObject { ["variable"] = "fired", ["value"] = Expr("vars.fired + 1") })
            .Task("after", "Dispatcher", "ok").Act("end", "xf.End").Chain("start", "wait", "count", "after").Link("after", "ok", "end"));
        var ids = new List<Guid>();
        for (var i = 0; i < 600; i++) ids.Add((await a.Runtime.StartAsync(new StartRequest("cluster-tick"))).Id);
        var b = await EngineHarness.StartAsync(DatabaseProvider.PostgreSql, cs, clock, scheduler: true, settings: small);
        _nodes.Add(b);
        a.Commits.Reset();
        b.Commits.Reset();

        clock.Advance(TimeSpan.FromHours(1));
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (await a.CountRowsAsync<TimerRow>() > 0 && DateTime.UtcNow < deadline) await Task.Delay(200);

        Assert.Equal(0, await a.CountRowsAsync<TimerRow>());
        // Both nodes did part of the work (30 batches of 20, both sweeping every 200 ms).
        Assert.True(a.Commits.Total > 0 && b.Commits.Total > 0, $"commits: node A {a.Commits.Total}, node B {b.Commits.Total}");
        foreach (var instance in await a.Store.LoadInstancesAsync(ids))
        {
            Assert.Equal(1, instance.Variables["fired"]!.GetValue<int>());
            Assert.Equal(WorkflowStatus.Waiting, instance.Status);
        }
        Assert.Equal(600, (await a.Store.ListTasksAsync(new TaskQuery(Status: HumanTaskStatus.Open, Take: 1000))).Count);
        foreach (var id in ids.Take(10))
            Assert.Single(await a.Store.GetJournalAsync(id), j => j.Kind == JournalKind.ActivityResumed && j.ActivityId == "wait");
    }
}
