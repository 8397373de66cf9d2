using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Audit;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Benchmarks;

/// <summary>The monitor's reads over many finished instances (issue 8): the heat map and the instance list.</summary>
public sealed record MonitorResult(int Instances, TimeSpan Seed, TimeSpan Baseline, TimeSpan Heat, TimeSpan FirstPage, TimeSpan FilteredPage, TimeSpan DeepPage);

public static class MonitorWorkloads
{
    /// <summary>
    /// Seeds <paramref name="n"/> finished instances of a four-step flow (five journal lines each, written directly),
    /// then times: a baseline scan (count of the journal's waits), the heat map of the version over all of them, the
    /// instance list's first page, a filtered page (status + start period) and a page 50,000 rows deep.
    /// </summary>
    public static async Task<MonitorResult> RunAsync(DatabaseProvider provider, string cs, int n)
    {
        using var host = await EngineWorkloads.StartHostAsync(provider, cs, TimeProvider.System, new CommitCounter());
        var factory = host.Services.GetRequiredService<IDbContextFactory<XfDbContext>>();
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var seed = Stopwatch.StartNew();
        const int batch = 5_000;
        for (var from = 0; from < n; from += batch)
        {
            await using var db = await factory.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = from; i < Math.Min(n, from + batch); i++)
            {
                var id = Guid.CreateVersion7();
                var at = t0.AddMinutes(i);
                var wait = TimeSpan.FromMinutes(10 + i % 240);
                db.Instances.Add(new InstanceRow { Id = id, DefinitionId = "monitor", DefinitionVersion = 1, Status = WorkflowStatus.Finished, CorrelationId = $"M-{i:000000}",
                    CreatedAt = at, UpdatedAt = at + wait, FinishedAt = at + wait, Version = 3 });
                db.Journal.AddRange(
                    new JournalEntry { InstanceId = id, Kind = JournalKind.InstanceStarted, StartedAt = at, EndedAt = at },
                    new JournalEntry { InstanceId = id, Kind = JournalKind.ActivityExecuted, ActivityId = "start", Outcome = "done", StartedAt = at, EndedAt = at },
                    new JournalEntry { InstanceId = id, Kind = JournalKind.ActivityWaiting, ActivityId = "review", StartedAt = at, EndedAt = at },
                    new JournalEntry { InstanceId = id, Kind = JournalKind.ActivityResumed, ActivityId = "review", Outcome = i % 5 == 0 ? "no" : "ok", StartedAt = at + wait, EndedAt = at + wait },
                    new JournalEntry { InstanceId = id, Kind = JournalKind.ActivityExecuted, ActivityId = "end", StartedAt = at + wait, EndedAt = at + wait });
            }
            await db.SaveChangesAsync();
        }
        seed.Stop();

        async Task<TimeSpan> Time(Func<Task> work) { var sw = Stopwatch.StartNew(); await work(); return sw.Elapsed; }
        var statistics = host.Services.GetRequiredService<IWorkflowStatistics>();
        var cases = host.Services.GetRequiredService<ICaseDirectory>();
        var scope = new CaseScope(All: true);
        // Warm up each query shape once (plan caches), then measure.
        await statistics.HeatAsync("monitor", 1, t0, t0.AddYears(1));
        var baseline = await Time(async () =>
        {
            await using var db = await factory.CreateDbContextAsync();
            await db.Journal.CountAsync(j => j.Kind == JournalKind.ActivityWaiting || j.Kind == JournalKind.ActivityResumed);
        });
        var heat = await Time(() => statistics.HeatAsync("monitor", 1, t0, t0.AddYears(1)));
        var first = await Time(() => cases.ListInstancesAsync(new InstanceFilter("monitor"), 0, 50, "admin", scope, everything: true));
        var filtered = await Time(() => cases.ListInstancesAsync(new InstanceFilter("monitor", Status: WorkflowStatus.Finished, StartedFrom: t0.AddDays(10), StartedTo: t0.AddDays(20)), 0, 50, "admin", scope, everything: true));
        var deep = await Time(() => cases.ListInstancesAsync(new InstanceFilter("monitor"), Math.Min(50_000, n / 2), 50, "admin", scope, everything: true));
        return new MonitorResult(n, seed.Elapsed, baseline, heat, first, filtered, deep);
    }
}
