using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Activities;

namespace XinchuangFlow.Engine.Runtime;

// The interpreter: running and resuming activities within a burst, merges, faults.
public sealed partial class WorkflowRuntime
{
    // ---------------------------------------------------------------- the interpreter

    private async Task ResumeAsync(Burst burst, Bookmark bookmark, string? outcome, JsonNode? payload, CancellationToken ct)
    {
        var instance = burst.Instance;
        burst.RemoveBookmark(bookmark, cancel: false);
        var model = burst.Definition.Find(bookmark.ActivityId);
        if (model is null)
        {
            Fault(burst, new WorkItem(bookmark.ActivityId), bookmark.ActivityId, "?", new InvalidOperationException($"Activity '{bookmark.ActivityId}' no longer exists in this version."));
            return;
        }
        var activity = Registry.Get(model.Type);
        var descriptor = Registry.FindDescriptor(model.Type)!;
        instance.Status = WorkflowStatus.Running;
        var started = Clock.GetUtcNow();
        var ctx = new ActivityContext(burst, model, descriptor, null, ct);
        ActivityResult result;
        burst.PendingJournalData = [];
        try
        {
            result = await activity.ResumeAsync(ctx, new ResumeStimulus(bookmark, outcome, payload, burst.User));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Fault(burst, new WorkItem(model.Id), model.Id, model.Type, ex);
            return;
        }
        Apply(burst, model, result, started, JournalKind.ActivityResumed);
        await ResumeLocalSignalsAsync(burst, ct);
        await RunAsync(burst, ct);
    }

    private async Task RunAsync(Burst burst, CancellationToken ct)
    {
        var instance = burst.Instance;
        if (instance.Status == WorkflowStatus.Faulted) return;
        // Every log line written while the burst runs (the engine's, an activity's) names the instance and its case (OPS-4).
        using var scope = _log.BeginScope(new KeyValuePair<string, object?>[]
        {
            new("InstanceId", instance.Id), new("CaseNumber", instance.CorrelationId), new("DefinitionId", instance.DefinitionId),
        });
        instance.Status = WorkflowStatus.Running;
        var steps = 0;
        while (true)
        {
        while (instance.Queue.Count > 0 && instance.Status == WorkflowStatus.Running)
        {
            ct.ThrowIfCancellationRequested();
            var item = instance.Queue[0];
            instance.Queue.RemoveAt(0);
            var model = burst.Definition.Find(item.ActivityId);
            if (model is null)
            {
                Fault(burst, item, item.ActivityId, "?", new InvalidOperationException($"Activity '{item.ActivityId}' does not exist in this version."));
                break;
            }
            if (++steps > Options.MaxStepsPerBurst)
            {
                Fault(burst, item, model.Id, model.Type, new InvalidOperationException(
                    $"The burst executed more than {Options.MaxStepsPerBurst} steps without waiting; the flow probably loops."));
                break;
            }
            var activity = Registry.Find(model.Type);
            var descriptor = Registry.FindDescriptor(model.Type);
            if (activity is null || descriptor is null)
            {
                Fault(burst, item, model.Id, model.Type, new InvalidOperationException($"Unknown activity type '{model.Type}'."));
                break;
            }
            var started = Clock.GetUtcNow();
            burst.PendingJournalData = [];
            ActivityResult result;
            try
            {
                result = await activity.ExecuteAsync(new ActivityContext(burst, model, descriptor, item.FromActivityId, ct));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Fault(burst, item, model.Id, model.Type, ex);
                break;
            }
            Apply(burst, model, result, started, JournalKind.ActivityExecuted);
            await ResumeLocalSignalsAsync(burst, ct);
        }
            // A synchronising merge whose upstream has gone quiet fires on what has arrived.
            if (instance.Status == WorkflowStatus.Running && instance.Queue.Count == 0 && QueueQuietMerges(burst)) continue;
            break;
        }
        if (instance.Status == WorkflowStatus.Running && instance.Queue.Count == 0)
        {
            instance.LeaseUntil = null;
            if (instance.Bookmarks.Count > 0) instance.Status = WorkflowStatus.Waiting;
            else if (StuckMerge(burst) is { } stuck)
            {
                // Nothing waits and nothing runs, yet a merge holds arrivals: the instance can no longer progress, which is not success.
                var (join, arrived) = stuck;
                Fault(burst, new WorkItem(join.Id, Activities.IMergeActivity.Recheck), join.Id, join.Type, new InvalidOperationException(
                    $"the join waits for paths that can no longer arrive (arrived from: {arrived}; expected: {string.Join(", ", burst.Definition.Sources(join.Id))}). " +
                    "Check the join's mode (a 'sync' join waits only for activated paths) or cancel the instance."));
            }
            else Finish(burst);
        }
    }

    /// <summary>Queues a re-check of every synchronising merge that holds arrivals and has no live work upstream; true when any.</summary>
    private bool QueueQuietMerges(Burst burst)
    {
        var any = false;
        foreach (var model in burst.Definition.Model.Activities)
        {
            if (Registry.Find(model.Type) is not Activities.IMergeActivity merge || !merge.FiresWhenUpstreamIsDone(model)) continue;
            if (!merge.IsWaitingForMore(burst.Instance.ActivityState[model.Id])) continue;
            var upstream = burst.Definition.Ancestors(model.Id);
            upstream.Remove(model.Id);
            if (burst.Instance.Bookmarks.Any(b => upstream.Contains(b.ActivityId))) continue;
            burst.Instance.Queue.Add(new WorkItem(model.Id, Activities.IMergeActivity.Recheck));
            any = true;
        }
        return any;
    }

    /// <summary>A merge that holds arrivals and waits for more, if any.</summary>
    private (Definitions.ActivityModel Join, string Arrived)? StuckMerge(Burst burst)
    {
        foreach (var model in burst.Definition.Model.Activities)
        {
            var state = burst.Instance.ActivityState[model.Id];
            if (Registry.Find(model.Type) is Activities.IMergeActivity merge && merge.IsWaitingForMore(state))
            {
                var arrived = (state as JsonArray ?? state?["arrived"] as JsonArray ?? []).Select(n => n?.GetValue<string>()).Where(n => !string.IsNullOrEmpty(n));
                return (model, string.Join(", ", arrived));
            }
        }
        return null;
    }

    /// <summary>Resumes the signal bookmarks an activity raised locally (still present: a terminate may have removed them).</summary>
    private async Task ResumeLocalSignalsAsync(Burst burst, CancellationToken ct)
    {
        while (burst.LocalResumes.Count > 0 && burst.Instance.Status == WorkflowStatus.Running)
        {
            var (bookmark, payload) = burst.LocalResumes[0];
            burst.LocalResumes.RemoveAt(0);
            if (burst.Instance.Bookmarks.Contains(bookmark))
                await ResumeAsync(burst, bookmark, null, payload, ct);
        }
        burst.LocalResumes.Clear();
    }

    private void Apply(Burst burst, Definitions.ActivityModel model, ActivityResult result, DateTimeOffset started, JournalKind kind)
    {
        var data = burst.PendingJournalData;
        switch (result)
        {
            case ActivityResult.Completed done:
                burst.Journal(kind, model.Id, model.Type, done.Outcomes.Count == 0 ? null : string.Join(",", done.Outcomes), started, data);
                foreach (var outcome in done.Outcomes)
                    foreach (var target in burst.Definition.Targets(model.Id, outcome))
                        burst.Instance.Queue.Add(new WorkItem(target, model.Id));
                break;
            case ActivityResult.Waiting:
                burst.Journal(JournalKind.ActivityWaiting, model.Id, model.Type, null, started, data);
                break;
            case ActivityResult.Terminate:
                burst.Journal(kind, model.Id, model.Type, "terminate", started, data);
                foreach (var b in burst.Instance.Bookmarks.ToList()) burst.RemoveBookmark(b, cancel: true);
                burst.Instance.Queue.Clear();
                break;
        }
    }

    private void Finish(Burst burst)
    {
        burst.Instance.Status = WorkflowStatus.Finished;
        burst.Instance.FinishedAt = Clock.GetUtcNow();
        burst.Journal(JournalKind.InstanceFinished, null, null, null, Clock.GetUtcNow());
    }

    /// <summary>
    /// An incident that does not stop the instance (an activity met a problem it could work around): recorded with the
    /// burst, journalled and logged like a fault's, open until the instance is cancelled.
    /// </summary>
    internal Incident RaiseIncident(Burst burst, string activityId, string activityType, string message)
    {
        var incident = new Incident
        {
            Id = Guid.CreateVersion7(),
            InstanceId = burst.Instance.Id,
            ActivityId = activityId,
            ActivityType = activityType,
            Message = message,
            CreatedAt = Clock.GetUtcNow(),
        };
        burst.Changes.AddedIncidents.Add(incident);
        burst.Journal(JournalKind.Incident, activityId, activityType, null, incident.CreatedAt, new JsonObject { ["message"] = message, ["faulted"] = false });
        _log.LogWarning("Incident on instance {InstanceId} at {ActivityId} (the instance goes on): {Message}", burst.Instance.Id, activityId, message);
        return incident;
    }

    private void Fault(Burst burst, WorkItem item, string activityId, string activityType, Exception ex)
    {
        var instance = burst.Instance;
        instance.Status = WorkflowStatus.Faulted;
        instance.LeaseUntil = null;
        instance.Queue.Insert(0, item);
        var message = ex is ActivityInputException ? ex.Message : $"Activity '{activityId}' ({activityType}) failed: {ex.Message}";
        var incident = new Incident
        {
            Id = Guid.CreateVersion7(),
            InstanceId = instance.Id,
            ActivityId = activityId,
            ActivityType = activityType,
            Message = message,
            ExceptionType = ex.GetType().Name,
            CreatedAt = Clock.GetUtcNow(),
        };
        burst.Changes.AddedIncidents.Add(incident);
        burst.Journal(JournalKind.Incident, activityId, activityType, null, Clock.GetUtcNow(), new JsonObject { ["message"] = message });
        _log.LogWarning("Incident on instance {InstanceId} at {ActivityId}: {Message}", instance.Id, activityId, message);
    }
}
