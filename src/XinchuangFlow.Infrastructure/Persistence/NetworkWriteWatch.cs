using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using XinchuangFlow.Domain.Network;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>
/// Counts the writes to the service network (enterprises, service points, technicians, certificates) that this node's
/// contexts save, so that what is kept of the network (<see cref="EfNetworkRepository"/>'s dispatch snapshots) is
/// dropped the moment it changes here. Another node's writes are seen when the kept copy expires.
/// </summary>
public sealed class NetworkWriteWatch : SaveChangesInterceptor
{
    private long generation;
    // The contexts saving a network write now: their entries read "unchanged" once saved, so the second count needs this.
    private readonly ConditionalWeakTable<DbContext, object> saving = new();

    /// <summary>Goes up with every save that touched the network (before and after the save).</summary>
    public long Generation => Interlocked.Read(ref generation);

    /// <summary>Drops every kept copy (a write the contexts did not track, e.g. a bulk update).</summary>
    public void Changed() => Interlocked.Increment(ref generation);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    // Again once saved: a snapshot read between the two counts may hold the rows before the write.
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Done(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        Done(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Done(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        Done(eventData.Context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is null) return;
        var tracker = context.ChangeTracker;
        // A look without detecting changes first (the engine's commits track hundreds of rows and never a network one);
        // only a context that tracks a network row pays for the detection its save would do anyway.
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            if (!tracker.Entries().Any(e => IsNetwork(e.Entity))) return;
            if (detect) tracker.DetectChanges();
            if (!tracker.Entries().Any(e => IsNetwork(e.Entity) && e.State is not (EntityState.Unchanged or EntityState.Detached))) return;
        }
        finally { tracker.AutoDetectChangesEnabled = detect; }
        saving.AddOrUpdate(context, this);
        Changed();
    }

    /// <summary>An enterprise, service point, technician or certificate.</summary>
    public static bool IsNetwork(object entity) => entity is Enterprise or ServicePoint or Technician or Certificate;

    private void Done(DbContext? context)
    {
        if (context is not null && saving.Remove(context)) Changed();
    }
}
