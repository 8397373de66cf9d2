using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Application.Audit;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>Live instances per definition version, counted in the database.</summary>
public sealed class EfWorkflowStatistics(IDbContextFactory<XfDbContext> factory) : IWorkflowStatistics
{
    public async Task<IReadOnlyDictionary<(string DefinitionId, int Version), int>> ActiveInstancesAsync(string? definitionId = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Instances.AsNoTracking().Where(i => i.Status == WorkflowStatus.Running || i.Status == WorkflowStatus.Waiting || i.Status == WorkflowStatus.Faulted);
        if (definitionId is not null) q = q.Where(i => i.DefinitionId == definitionId);
        var rows = await q.GroupBy(i => new { i.DefinitionId, i.DefinitionVersion }).Select(g => new { g.Key.DefinitionId, g.Key.DefinitionVersion, Count = g.Count() }).ToListAsync(ct);
        return rows.ToDictionary(r => (r.DefinitionId, r.DefinitionVersion), r => r.Count);
    }

    public async Task<(IReadOnlyList<ActivityHeat> Activities, IReadOnlyList<ConnectionHeat> Connections, int Instances)> HeatAsync(
        string definitionId, int version, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var instances = db.Instances.AsNoTracking().Where(i => i.DefinitionId == definitionId && i.DefinitionVersion == version && i.CreatedAt >= from && i.CreatedAt < to);
        var total = await instances.CountAsync(ct);
        var ran = new[] { JournalKind.ActivityExecuted, JournalKind.ActivityResumed };
        // Counts are aggregated by the database; only the waits' start and end times come back.
        var counts = await db.Journal.AsNoTracking()
            .Where(j => j.ActivityId != null && ran.Contains(j.Kind) && instances.Any(i => i.Id == j.InstanceId))
            .GroupBy(j => new { j.ActivityId, j.Outcome })
            .Select(g => new { g.Key.ActivityId, g.Key.Outcome, Runs = g.Count() })
            .ToListAsync(ct);
        // An instance reached an activity when it ran there or waits there now.
        var reachedKinds = new[] { JournalKind.ActivityExecuted, JournalKind.ActivityResumed, JournalKind.ActivityWaiting };
        var reached = await db.Journal.AsNoTracking()
            .Where(j => j.ActivityId != null && reachedKinds.Contains(j.Kind) && instances.Any(i => i.Id == j.InstanceId))
            .GroupBy(j => j.ActivityId!)
            .Select(g => new { ActivityId = g.Key, Instances = g.Select(j => j.InstanceId).Distinct().Count() })
            .ToDictionaryAsync(x => x.ActivityId, x => x.Instances, ct);
        var waits = await db.Journal.AsNoTracking()
            .Where(j => j.ActivityId != null && (j.Kind == JournalKind.ActivityWaiting || j.Kind == JournalKind.ActivityResumed) && instances.Any(i => i.Id == j.InstanceId))
            .Select(j => new { j.InstanceId, j.ActivityId, j.Kind, j.StartedAt, j.Sequence })
            .ToListAsync(ct);
        var breached = (await db.Tickets.AsNoTracking().Where(t => t.Breached && instances.Any(i => i.Id == t.InstanceId)).Select(t => t.InstanceId).ToListAsync(ct)).ToHashSet();
        var durations = new Dictionary<string, List<TimeSpan>>();
        var waitedBy = new Dictionary<string, HashSet<Guid>>();
        foreach (var g in waits.GroupBy(w => (w.InstanceId, w.ActivityId)))
        {
            DateTimeOffset? since = null;
            foreach (var w in g.OrderBy(w => w.Sequence))
            {
                if (w.Kind == JournalKind.ActivityWaiting) since ??= w.StartedAt;
                else if (since is { } s)
                {
                    (durations.TryGetValue(w.ActivityId!, out var list) ? list : durations[w.ActivityId!] = []).Add(w.StartedAt - s);
                    since = null;
                }
            }
            (waitedBy.TryGetValue(g.Key.ActivityId!, out var set) ? set : waitedBy[g.Key.ActivityId!] = []).Add(g.Key.InstanceId);
        }
        var activities = reached.Keys.Select(id => (Key: id, Runs: counts.Where(c => c.ActivityId == id).Sum(c => c.Runs))).Select(g =>
        {
            var d = durations.GetValueOrDefault(g.Key)?.Order().ToList() ?? [];
            var waited = waitedBy.GetValueOrDefault(g.Key) ?? [];
            return new ActivityHeat(g.Key, reached.GetValueOrDefault(g.Key), g.Runs,
                d.Count == 0 ? null : d[(d.Count - 1) / 2], d.Count == 0 ? null : d[(int)Math.Ceiling(d.Count * 0.9) - 1], d.Count,
                waited.Count == 0 ? 0 : waited.Count(breached.Contains) / (double)waited.Count);
        }).ToList();
        var connections = counts.Where(c => c.Outcome is not null)
            .SelectMany(c => c.Outcome!.Split(',').Select(port => (c.ActivityId!, port, c.Runs)))
            .GroupBy(x => (x.Item1, x.port)).Select(g => new ConnectionHeat(g.Key.Item1, g.Key.port, g.Sum(x => x.Runs))).ToList();
        return (activities, connections, total);
    }
}
