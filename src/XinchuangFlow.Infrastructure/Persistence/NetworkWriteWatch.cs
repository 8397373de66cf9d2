using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Domain.Network;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>
/// Counts the writes to the service network (enterprises, service points, technicians, certificates) that this node's
/// contexts save, so that what is kept of the network (<see cref="EfNetworkRepository"/>'s dispatch snapshots) is
/// dropped the moment it changes here. Another node's writes are seen when the kept copy expires.
/// </summary>
public sealed class NetworkWriteWatch : SaveWatch
{
    private long generation;
    // The contexts saving a network write now: their entries read "unchanged" once saved, so the second count needs this.
    private readonly ConditionalWeakTable<DbContext, object> saving = new();

    /// <summary>Goes up with every save that touched the network (before and after the save).</summary>
    public long Generation => Interlocked.Read(ref generation);

    /// <summary>Drops every kept copy (a write the contexts did not track, e.g. a bulk update).</summary>
    public void Changed() => Interlocked.Increment(ref generation);

    protected override void Before(DbContext context)
    {
        if (Writing(context, IsNetwork).Count == 0) return;
        saving.AddOrUpdate(context, this);
        Changed();
    }

    /// <summary>An enterprise, service point, technician or certificate.</summary>
    public static bool IsNetwork(object entity) => entity is Enterprise or ServicePoint or Technician or Certificate;

    // Again once saved: a snapshot read between the two counts may hold the rows before the write.
    protected override void After(DbContext context)
    {
        if (saving.Remove(context)) Changed();
    }
}
