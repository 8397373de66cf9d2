using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Activities;

namespace XinchuangFlow.Engine.Runtime;

// An operator's actions: retry, cancel (reaching sub-workflows), crash recovery, migration.
public sealed partial class WorkflowRuntime
{
    // ---------------------------------------------------------------- faults, cancel, recovery, migration

    /// <summary>Resolves the open incidents and runs the failed activity again.</summary>
    public async Task<WorkflowInstance> RetryAsync(Guid instanceId, string? user, CancellationToken ct = default)
    {
        var instance = await LoadAsync(instanceId, ct);
        if (instance.Status != WorkflowStatus.Faulted)
            throw new StateConflictException(Problem.Of(EngineProblems.RetryNotFaulted, null, $"Instance {instanceId} is {instance.Status}; only a faulted instance can be retried.", ("status", instance.Status)));
        var burst = await BurstOnAsync(instance, user, ct);
        foreach (var incident in await Store.GetIncidentsAsync(instanceId, ct))
            if (incident.ResolvedAt is null) burst.Changes.ResolvedIncidents.Add(incident.Id);
        instance.Status = WorkflowStatus.Running;
        burst.Journal(JournalKind.Retried, instance.Queue.FirstOrDefault()?.ActivityId, null, null, Clock.GetUtcNow());
        await RunAsync(burst, ct);
        await CommitAndFollowUpAsync(burst, ct);
        return instance;
    }

    /// <summary>Cancels an instance: its waits are removed, its open tasks cancelled.</summary>
    public async Task<WorkflowInstance> CancelAsync(Guid instanceId, string? user, CancellationToken ct = default)
    {
        var instance = await LoadAsync(instanceId, ct);
        if (instance.Status is WorkflowStatus.Finished or WorkflowStatus.Cancelled)
            throw new StateConflictException(Problem.Of(EngineProblems.AlreadyEnded, null, $"Instance {instanceId} is already {instance.Status}.", ("status", instance.Status)));
        var burst = await BurstOnAsync(instance, user, ct);
        await CancelInBurstAsync(burst, null, ct);
        await CommitAsync([burst], ct);
        return instance;
    }

    /// <summary>Cancels the burst's instance: waits removed, tasks cancelled, incidents resolved; the sub-workflows it waits for follow in the same commit.</summary>
    private async Task CancelInBurstAsync(Burst burst, Guid? byParent, CancellationToken ct)
    {
        var instance = burst.Instance;
        foreach (var b in instance.Bookmarks.ToList()) burst.RemoveBookmark(b, cancel: true);
        foreach (var incident in await Store.GetIncidentsAsync(instance.Id, ct))
            if (incident.ResolvedAt is null) burst.Changes.ResolvedIncidents.Add(incident.Id);
        instance.Queue.Clear();
        instance.Status = WorkflowStatus.Cancelled;
        instance.FinishedAt = Clock.GetUtcNow();
        instance.LeaseUntil = null;
        burst.Journal(JournalKind.InstanceCancelled, null, null, null, Clock.GetUtcNow(),
            byParent is { } p ? new JsonObject { ["reason"] = "the parent instance was cancelled or ended", ["parent"] = p.ToString() } : null);
    }

    /// <summary>
    /// Cancels, in the same transaction as <paramref name="burst"/>, the sub-workflow instances whose waiting bookmark
    /// the burst cancelled (a cancel, a terminate, a join that cancels other paths, a for-each that has enough), and
    /// theirs in turn. Each cancellation is journalled on both sides.
    /// </summary>
    private async Task CancelChildrenAsync(Burst burst, CancellationToken ct)
    {
        while (burst.ChildrenToCancel.Count > 0)
        {
            var childId = burst.ChildrenToCancel[0];
            burst.ChildrenToCancel.RemoveAt(0);
            if (burst.ChildrenToRun.FirstOrDefault(c => c.Id == childId) is { } fresh)
            {
                // Created in this very burst and not run yet: it is written already cancelled and never runs.
                burst.ChildrenToRun.Remove(fresh);
                fresh.Queue.Clear();
                fresh.Status = WorkflowStatus.Cancelled;
                fresh.FinishedAt = Clock.GetUtcNow();
                continue;
            }
            var child = await Store.LoadInstanceAsync(childId, ct);
            if (child is null || child.Status is WorkflowStatus.Finished or WorkflowStatus.Cancelled) continue;
            var childBurst = await BurstOnAsync(child, burst.User, ct);
            await CancelInBurstAsync(childBurst, burst.Instance.Id, ct);
            await CancelChildrenAsync(childBurst, ct);
            burst.Changes.Children.Add(childBurst.Changes);
            burst.Journal(JournalKind.ChildCancelled, null, null, null, Clock.GetUtcNow(), new JsonObject { ["child"] = childId.ToString() });
        }
    }

    /// <summary>
    /// Finds instances a crashed node left mid-burst (Running with an expired lease) and runs them on, and
    /// resumes parents whose sub-workflow finished while the parent's resume was lost. Returns how many.
    /// </summary>
    public async Task<int> RecoverAsync(CancellationToken ct = default)
    {
        var now = Clock.GetUtcNow();
        var ids = await Store.ClaimInterruptedAsync(now, now + Options.Lease, 200, ct);
        var count = 0;
        foreach (var id in ids)
        {
            var instance = await Store.LoadInstanceAsync(id, ct);
            if (instance is null || instance.Status != WorkflowStatus.Running) continue;
            var burst = await BurstOnAsync(instance, null, ct);
            try
            {
                await RunAsync(burst, ct);
                await CommitAndFollowUpAsync(burst, ct);
                count++;
            }
            catch (ConcurrencyConflictException ex)
            {
                _log.LogInformation(ex, "Instance {InstanceId} was taken by another node during recovery", id);
            }
        }
        foreach (var (child, parent, bookmark) in await Store.FindOrphanedChildCompletionsAsync(200, ct))
        {
            if (await ResumeParentAsync(child, parent, bookmark, ct)) count++;
        }
        return count;
    }

    /// <summary>
    /// Moves a running instance to another version of its definition. Every activity it waits on (or failed
    /// in) must exist in the target version with the same type.
    /// </summary>
    public async Task<WorkflowInstance> MigrateAsync(Guid instanceId, int toVersion, string? user, CancellationToken ct = default)
    {
        var instance = await LoadAsync(instanceId, ct);
        if (instance.Status is WorkflowStatus.Finished or WorkflowStatus.Cancelled)
            throw new StateConflictException(Problem.Of(EngineProblems.MigrateEnded, null, $"Instance {instanceId} is {instance.Status} and cannot be migrated.", ("status", instance.Status)));
        var from = await Definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, ct);
        var record = await Store.FindDefinitionAsync(instance.DefinitionId, toVersion, ct)
                     ?? throw new NotFoundException(Problem.Of(EngineProblems.VersionNotFound, null, $"Workflow definition '{instance.DefinitionId}' version {toVersion} does not exist.",
                         ("definition", instance.DefinitionId), ("version", toVersion)));
        if (record.Status == DefinitionStatus.Draft)
            throw new StateConflictException(Problem.Of(EngineProblems.MigrateToDraft, null, $"Version {toVersion} is a draft; publish it first.", ("version", toVersion)));
        var to = await Definitions.GetAsync(instance.DefinitionId, toVersion, ct);
        var problems = new List<Problem>();
        foreach (var activityId in instance.Bookmarks.Select(b => b.ActivityId).Concat(instance.Queue.Select(q => q.ActivityId)).Distinct())
        {
            var old = from.Find(activityId);
            var now = to.Find(activityId);
            if (now is null)
                problems.Add(Problem.Of(EngineProblems.MigrateActivityMissing, null, $"Activity '{activityId}' the instance waits on does not exist in version {toVersion}.",
                    ("activity", activityId), ("version", toVersion)));
            else if (old is not null && old.Type != now.Type)
                problems.Add(Problem.Of(EngineProblems.MigrateActivityType, null, $"Activity '{activityId}' is {old.Type} in version {from.Version} but {now.Type} in version {toVersion}.",
                    ("activity", activityId), ("type", old.Type), ("newType", now.Type), ("version", toVersion)));
        }
        if (problems.Count > 0) throw new InvalidInputException(problems);
        var burst = new Burst(this, instance, to, isNew: false, user);
        var previous = instance.DefinitionVersion;
        instance.DefinitionVersion = toVersion;
        foreach (var variable in to.Model.Variables)
            if (!instance.Variables.ContainsKey(variable.Name)) instance.Variables[variable.Name] = variable.Default?.DeepClone();
        burst.Journal(JournalKind.InstanceMigrated, null, null, null, Clock.GetUtcNow(), new JsonObject { ["from"] = previous, ["to"] = toVersion });
        await CommitAsync([burst], ct);
        return instance;
    }
}
