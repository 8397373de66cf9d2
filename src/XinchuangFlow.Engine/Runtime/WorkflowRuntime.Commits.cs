using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Activities;

namespace XinchuangFlow.Engine.Runtime;

// Commits and what follows them: children to run, parents to resume.
public sealed partial class WorkflowRuntime
{
    // ---------------------------------------------------------------- commits and follow-ups

    private async Task CommitAsync(IReadOnlyList<Burst> bursts, CancellationToken ct)
    {
        if (bursts.Count == 0) return;
        var now = Clock.GetUtcNow();
        var changes = new List<BurstChanges>(bursts.Count);
        foreach (var b in bursts)
        {
            if (b.ChildrenToCancel.Count > 0) await CancelChildrenAsync(b, ct);
            Stamp(b.Changes, now);
            changes.Add(b.Changes);
        }
        using var span = EngineMetrics.Tracing.StartActivity("xf.engine.commit");
        span?.SetTag("xf.bursts", bursts.Count);
        var started = Stopwatch.GetTimestamp();
        await Store.CommitAsync(changes, ct);
        EngineMetrics.CommitDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        EngineMetrics.Bursts.Add(bursts.Count);
        RaiseTasksChanged(changes.Where(TouchesTasks).Select(c => c.Instance.Id).ToList());
    }

    private static void Stamp(BurstChanges changes, DateTimeOffset now)
    {
        changes.Instance.UpdatedAt = now;
        changes.Instance.Version = changes.ExpectedVersion + 1;
        foreach (var child in changes.Children) Stamp(child, now);
    }

    private async Task CommitAndFollowUpAsync(Burst burst, CancellationToken ct)
    {
        await CommitAsync([burst], ct);
        await FollowUpAsync(burst, ct);
    }

    /// <summary>After a commit: run the children it created, and resume the parent of a finished child.</summary>
    private async Task FollowUpAsync(Burst burst, CancellationToken ct)
    {
        foreach (var child in burst.ChildrenToRun)
        {
            var childBurst = await BurstOnAsync(child, burst.User, ct);
            await RunAsync(childBurst, ct);
            await CommitAndFollowUpAsync(childBurst, ct);
        }
        var instance = burst.Instance;
        if (instance is { Status: WorkflowStatus.Finished, ParentInstanceId: { } parent, ParentBookmarkId: { } bookmark })
            await ResumeParentAsync(instance.Id, parent, bookmark, ct);
    }

    private async Task<bool> ResumeParentAsync(Guid childId, Guid parentId, Guid bookmarkId, CancellationToken ct)
    {
        var child = await Store.LoadInstanceAsync(childId, ct);
        if (child is null) return false;
        var payload = new JsonObject
        {
            ["instanceId"] = child.Id.ToString(),
            ["status"] = child.Status.ToString(),
            ["variables"] = child.Variables.DeepClone(),
        };
        return await WithConflictRetryAsync(parentId, null, async burst =>
        {
            var b = burst.Instance.Bookmarks.FirstOrDefault(x => x.Id == bookmarkId);
            if (b is null) return 0;
            await ResumeAsync(burst, b, null, payload, ct);
            return 1;
        }, ct) > 0;
    }
}
