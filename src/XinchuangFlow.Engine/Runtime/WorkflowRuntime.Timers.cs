using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Activities;

namespace XinchuangFlow.Engine.Runtime;

// Durable timers: claimed in batches, fired in memory, committed per batch.
public sealed partial class WorkflowRuntime
{
    // ---------------------------------------------------------------- timers

    /// <summary>
    /// Fires every due timer: claims them in batches (atomically, so each fires once across nodes), runs each
    /// instance's burst in memory and commits a batch in one transaction. Returns the number fired.
    /// </summary>
    public async Task<int> DrainTimersAsync(CancellationToken ct = default)
    {
        if (Options.TimerDrainers <= 1) return await DrainPipelineAsync(ct);
        return (await Task.WhenAll(Enumerable.Range(0, Options.TimerDrainers).Select(_ => DrainPipelineAsync(ct)))).Sum();
    }

    private async Task<int> DrainPipelineAsync(CancellationToken ct)
    {
        // Pipelined: while one batch is being committed, the next is claimed beforehand and run in memory, so
        // reading and interpreting overlap with writing.
        var batchSize = Options.TimerBatchSize;
        var claimed = await ClaimAsync(batchSize, ct);
        if (claimed.Count == 0) return 0;
        var prepared = await PrepareTimerBatchAsync(claimed, ct);
        var fired = 0;
        while (true)
        {
            var next = claimed.Count == batchSize && !ct.IsCancellationRequested ? await ClaimAsync(batchSize, ct) : [];
            var commit = CommitTimerBatchAsync(prepared, ct);
            var nextPrepared = next.Count > 0 ? await PrepareTimerBatchAsync(next, ct) : null;
            fired += await commit;
            if (nextPrepared is null) return fired;
            (claimed, prepared) = (next, nextPrepared);
        }
    }

    private async Task<IReadOnlyList<TimerEntry>> ClaimAsync(int max, CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var claimed = await Store.ClaimDueTimersAsync(now, max, now + Options.TimerLease, ct);
        EngineMetrics.Phase("claim", start);
        return claimed;
    }

    private sealed record TimerBatch(Dictionary<Guid, List<TimerEntry>> ByInstance, List<Burst> Bursts, int Count);

    private async Task<TimerBatch> PrepareTimerBatchAsync(IReadOnlyList<TimerEntry> timers, CancellationToken ct)
    {
        var byInstance = timers.GroupBy(t => t.InstanceId).ToDictionary(g => g.Key, g => g.OrderBy(t => t.DueAt).ToList());
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var instances = await Store.LoadInstancesAsync(byInstance.Keys.ToList(), ct);
        EngineMetrics.Phase("load", start);
        start = System.Diagnostics.Stopwatch.GetTimestamp();
        var bursts = new List<Burst>(instances.Count);
        foreach (var instance in instances)
        {
            var burst = await FireInstanceTimersAsync(instance, byInstance[instance.Id], ct);
            if (burst is not null) bursts.Add(burst);
        }
        EngineMetrics.Phase("run", start);
        return new TimerBatch(byInstance, bursts, timers.Count);
    }

    private async Task<int> CommitTimerBatchAsync(TimerBatch batch, CancellationToken ct)
    {
        var (byInstance, bursts, count) = batch;
        try
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            await CommitAsync(bursts, ct);
            EngineMetrics.Phase("commit", start);
            foreach (var b in bursts) await FollowUpAsync(b, ct);
            return count;
        }
        catch (ConcurrencyConflictException)
        {
            // One instance in the batch changed meanwhile: fall back to one transaction per instance.
            var fired = 0;
            foreach (var (instanceId, list) in byInstance)
            {
                try
                {
                    fired += await WithConflictRetryAsync(instanceId, null, async burst =>
                    {
                        var b = await FireInstanceTimersAsync(burst.Instance, list, ct, burst);
                        return b is null ? 0 : list.Count;
                    }, ct);
                }
                catch (ConcurrencyConflictException ex)
                {
                    // The claim lease runs out and the timer is fired by a later sweep.
                    _log.LogWarning(ex, "Timers of instance {InstanceId} were not fired this round", instanceId);
                }
            }
            return fired;
        }
    }

    private async Task<Burst?> FireInstanceTimersAsync(WorkflowInstance instance, List<TimerEntry> timers, CancellationToken ct, Burst? burst = null)
    {
        if (instance.Status is not (WorkflowStatus.Waiting or WorkflowStatus.Running)) return null;
        burst ??= await BurstOnAsync(instance, null, ct);
        var any = false;
        foreach (var timer in timers)
        {
            var bookmark = instance.Bookmarks.FirstOrDefault(b => b.Id == timer.BookmarkId);
            if (bookmark is null) { burst.Changes.RemovedTimers.Add(timer.BookmarkId); any = true; continue; }
            await ResumeAsync(burst, bookmark, null, new JsonObject { ["dueAt"] = timer.DueAt.ToString("O") }, ct);
            EngineMetrics.TimersFired.Add(1);
            EngineMetrics.TimerLateness.Record(Math.Max(0, (Clock.GetUtcNow() - timer.DueAt).TotalSeconds));
            any = true;
            if (instance.Status is not (WorkflowStatus.Waiting or WorkflowStatus.Running)) break;
        }
        return any ? burst : null;
    }
}
