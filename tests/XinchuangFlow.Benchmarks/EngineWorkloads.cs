using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Infrastructure.Hosting;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Benchmarks;

/// <summary>The engine, configured as the app configures it, minus Quartz (the benchmark drives the sweep).</summary>
internal static class EngineWorkloads
{
    public const string FiveStepJson = """
    {
      "schemaVersion": 1, "definitionId": "five-step", "name": "benchmark: 2 automatic steps, a user task, 2 automatic steps",
      "variables": [ { "name": "a", "type": "number", "default": 0 }, { "name": "b", "type": "string" } ],
      "activities": [
        { "id": "start", "type": "xf.Start" },
        { "id": "s1", "type": "xf.SetVariable", "inputs": { "variable": "a", "value": 1 } },
        { "id": "s2", "type": "xf.SetVariable", "inputs": { "variable": "b", "value": "受理" } },
        { "id": "task", "type": "xf.UserTask", "inputs": { "title": "审核", "role": "Dispatcher", "outcomes": ["ok"] } },
        { "id": "s3", "type": "xf.SetVariable", "inputs": { "variable": "a", "value": 2 } },
        { "id": "s4", "type": "xf.SetVariable", "inputs": { "variable": "b", "value": "完成" } },
        { "id": "end", "type": "xf.End" }
      ],
      "connections": [
        { "source": { "activity": "start", "port": "done" }, "target": { "activity": "s1" } },
        { "source": { "activity": "s1", "port": "done" }, "target": { "activity": "s2" } },
        { "source": { "activity": "s2", "port": "done" }, "target": { "activity": "task" } },
        { "source": { "activity": "task", "port": "ok" }, "target": { "activity": "s3" } },
        { "source": { "activity": "s3", "port": "done" }, "target": { "activity": "s4" } },
        { "source": { "activity": "s4", "port": "done" }, "target": { "activity": "end" } }
      ]
    }
    """;

    public const string TimerJson = """
    {
      "schemaVersion": 1, "definitionId": "timer", "name": "benchmark: wait until a moment, then a task",
      "variables": [ { "name": "due", "type": "string" } ],
      "activities": [
        { "id": "start", "type": "xf.Start" },
        { "id": "wait", "type": "xf.Timer", "inputs": { "dueAt": { "expr": "vars.due" } } },
        { "id": "task", "type": "xf.UserTask", "inputs": { "title": "到期处理", "role": "Dispatcher", "outcomes": ["ok"] } },
        { "id": "end", "type": "xf.End" }
      ],
      "connections": [
        { "source": { "activity": "start", "port": "done" }, "target": { "activity": "wait" } },
        { "source": { "activity": "wait", "port": "done" }, "target": { "activity": "task" } },
        { "source": { "activity": "task", "port": "ok" }, "target": { "activity": "end" } }
      ]
    }
    """;

    public static async Task<IHost> StartHostAsync(DatabaseProvider provider, string cs, TimeProvider clock, CommitCounter counter, Action<IServiceCollection>? configure = null)
    {
        var builder = EngineHostBuilder.Create(provider, cs, clock, logLevel: LogLevel.None);
        builder.Services.AddSingleton<IInterceptor>(counter);
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public static async Task<Pair> RunAsync(DatabaseProvider provider, string cs, int n, int clients)
    {
        var counter = new CommitCounter();
        using var host = await StartHostAsync(provider, cs, TimeProvider.System, counter);
        var definitions = host.Services.GetRequiredService<DefinitionService>();
        var runtime = host.Services.GetRequiredService<WorkflowRuntime>();
        var store = host.Services.GetRequiredService<IWorkflowStore>();
        await definitions.SaveDraftAsync(DefinitionJson.Parse(FiveStepJson), "bench");
        await definitions.PublishAsync("five-step");

        // Warm-up: JIT, pools, caches (not measured).
        for (var i = 0; i < 300; i++)
        {
            var w = await runtime.StartAsync(new StartRequest("five-step", Dispatch: false));
            var t = (await store.ListTasksAsync(new TaskQuery(InstanceId: w.Id)))[0];
            await runtime.CompleteTaskAsync(t.Id, "ok", null, "bench");
        }

        counter.Commits = 0;
        var w1 = await Clock.ParallelAsync(n, clients, _ => runtime.StartAsync(new StartRequest("five-step")));
        var c1 = counter.Commits;

        var tasks = new List<Guid>(n);
        for (var skip = 0; ; skip += 1000)
        {
            var page = await store.ListTasksAsync(new TaskQuery(Status: HumanTaskStatus.Open, Skip: skip, Take: 1000));
            tasks.AddRange(page.Select(t => t.Id));
            if (page.Count < 1000) break;
        }
        counter.Commits = 0;
        var w2 = await Clock.ParallelAsync(tasks.Count, clients, i => runtime.CompleteTaskAsync(tasks[i], "ok", null, "bench"));
        var c2 = counter.Commits;
        var finished = (await store.ListInstancesAsync(new InstanceQuery("five-step", WorkflowStatus.Finished, Take: 1000))).Count;
        if (finished == 0 || tasks.Count != n) throw new InvalidOperationException($"benchmark run is wrong: {tasks.Count} tasks for {n} instances");
        return new Pair(new Measurement(n, w1, c1), new Measurement(n, w2, c2));
    }

    public static async Task<TimerResult> RunTimersAsync(DatabaseProvider provider, string cs, int count)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero));
        var counter = new CommitCounter();
        var commits = new List<(TimeSpan At, int Bursts)>();
        var sw = new Stopwatch();
        using var host = await StartHostAsync(provider, cs, clock, counter, s =>
            s.AddSingleton<IWorkflowStore>(sp => TimingStore.Wrap(
                new EfWorkflowStore(sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<XfDbContext>>()),
                bursts => { lock (commits) commits.Add((sw.Elapsed, bursts)); })));
        var definitions = host.Services.GetRequiredService<DefinitionService>();
        var runtime = host.Services.GetRequiredService<WorkflowRuntime>();
        await definitions.SaveDraftAsync(DefinitionJson.Parse(TimerJson), "bench");
        await definitions.PublishAsync("timer");
        var due = clock.GetUtcNow().AddHours(4);
        for (var i = 0; i < count; i++)
            await runtime.StartAsync(new StartRequest("timer", new JsonObject { ["due"] = due.ToString("O") }));

        clock.SetUtcNow(due);
        commits.Clear();
        counter.Commits = 0;
        sw.Start();
        // Where the drain's time goes, from the engine's own phase histogram (summed over batches; phases overlap).
        var phases = new Dictionary<string, double>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument == EngineMetrics.TimerBatchPhase) l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<double>((_, ms, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "phase") lock (phases) phases[(string)tag.Value!] = phases.GetValueOrDefault((string)tag.Value!) + ms;
        });
        listener.Start();
        var fired = await runtime.DrainTimersAsync();
        var drain = sw.Elapsed;
        listener.Dispose();
        if (fired != count) throw new InvalidOperationException($"fired {fired} of {count} timers");
        // Each timer's lateness is when the commit that fired it finished, measured from the due moment.
        var lateness = commits.SelectMany(c => Enumerable.Repeat(c.At, c.Bursts)).Order().ToList();
        return new TimerResult(drain, lateness[lateness.Count / 2], lateness[(int)(lateness.Count * 0.99) - 1], (double)counter.Commits / count,
            string.Join(", ", new[] { "claim", "load", "run", "commit" }.Select(p => $"{p} {phases.GetValueOrDefault(p):0} ms")));
    }
}

/// <summary>Notes when each commit finishes and how many bursts it carried.</summary>
public class TimingStore : DispatchProxy
{
    private IWorkflowStore _inner = null!;
    private Action<int> _onCommit = null!;

    public static IWorkflowStore Wrap(IWorkflowStore inner, Action<int> onCommit)
    {
        var proxy = DispatchProxy.Create<IWorkflowStore, TimingStore>();
        var self = (TimingStore)(object)proxy;
        self._inner = inner;
        self._onCommit = onCommit;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        object? result;
        try { result = method!.Invoke(_inner, args); }
        catch (TargetInvocationException ex) { throw ex.InnerException!; }
        if (method.Name != nameof(IWorkflowStore.CommitAsync)) return result;
        var bursts = ((IReadOnlyList<BurstChanges>)args![0]!).Count;
        return After((Task)result!, bursts);
    }

    private async Task After(Task commit, int bursts)
    {
        await commit;
        _onCommit(bursts);
    }
}
