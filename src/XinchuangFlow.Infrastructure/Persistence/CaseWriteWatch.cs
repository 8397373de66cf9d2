using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using XinchuangFlow.Application.Tasks;
using XinchuangFlow.Domain.Assessment;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>
/// Tells what keeps inbox copies (<see cref="InboxReadCache"/>) which instances' tasks or cases this node wrote: every
/// tracked save of a task, ticket, complaint, assessment result or supervision notice (told before the save and again
/// once saved, as <see cref="NetworkWriteWatch"/> does), and what the workflow store writes with its own SQL (the
/// engine's commits, claims and releases), which the store tells by hand. A new untracked write to those rows must do
/// the same.
/// </summary>
public sealed class CaseWriteWatch(ILogger<CaseWriteWatch> log) : SaveWatch, ICaseWrites
{
    private readonly ConditionalWeakTable<DbContext, Guid[]> saving = new();

    public event Action<IReadOnlyCollection<Guid>?>? Written;

    /// <summary>These instances' tasks or cases were written (null: the writer cannot say which).</summary>
    public void Tell(IReadOnlyCollection<Guid>? instances)
    {
        if (instances is { Count: 0 } || Written is not { } listeners) return;
        foreach (var listener in listeners.GetInvocationList().Cast<Action<IReadOnlyCollection<Guid>?>>())
        {
            try { listener(instances); }
            catch (Exception ex) { log.LogWarning(ex, "A listener to case writes failed"); }
        }
    }

    /// <summary>The instances a burst commit changes for an inbox: those whose tasks changed, and those of the cases its steps wrote.</summary>
    public static IReadOnlyCollection<Guid> InstancesOf(IEnumerable<BurstChanges> flattened)
    {
        var ids = new HashSet<Guid>();
        foreach (var c in flattened)
        {
            if (c.AddedTasks.Count > 0 || c.CompletedTask is not null || c.CancelledTasks.Count > 0 || c.ReassignedTasks.Count > 0) ids.Add(c.Instance.Id);
            foreach (var w in c.Writes) ids.UnionWith(InstancesOf(w.Entity));
        }
        return ids;
    }

    /// <summary>The instances whose inbox rows show this entity (none for any other kind of row).</summary>
    public static IEnumerable<Guid> InstancesOf(object entity) => entity switch
    {
        HumanTask t => [t.InstanceId],
        Ticket k => [k.InstanceId],
        Complaint c => [c.InstanceId],
        AssessmentResult { InterviewInstanceId: { } interview } r => [r.InstanceId, interview],
        AssessmentResult r => [r.InstanceId],
        SupervisionNotice n => [n.InstanceId],
        _ => [],
    };

    protected override void Before(DbContext context)
    {
        if (Written is null) return;
        var ids = Writing(context, IsCase).SelectMany(e => InstancesOf(e.Entity)).Distinct().ToArray();
        if (ids.Length == 0) return;
        saving.AddOrUpdate(context, ids);
        Tell(ids);
    }

    private static bool IsCase(object entity) => entity is HumanTask or Ticket or Complaint or AssessmentResult or SupervisionNotice;

    protected override void After(DbContext context)
    {
        if (saving.TryGetValue(context, out var ids) && saving.Remove(context)) Tell(ids);
    }
}
