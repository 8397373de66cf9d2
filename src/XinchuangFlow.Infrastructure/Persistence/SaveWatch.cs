using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>
/// A save interceptor that looks at each context before its save and again once the save has ended (saved or failed):
/// what keeps copies of rows tells them of a write both before it (a copy read meanwhile may hold the rows before the
/// write) and after it.
/// </summary>
public abstract class SaveWatch : SaveChangesInterceptor
{
    protected abstract void Before(DbContext context);

    protected abstract void After(DbContext context);

    /// <summary>
    /// The entries of watched rows the save will write. A look without detecting changes first (the engine's commits track
    /// hundreds of rows and never a watched one); only a context that tracks a watched row pays for the detection its save
    /// would do anyway.
    /// </summary>
    protected static List<EntityEntry> Writing(DbContext context, Func<object, bool> watched)
    {
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            if (!tracker.Entries().Any(e => watched(e.Entity))) return [];
            if (detect) tracker.DetectChanges();
            return tracker.Entries().Where(e => watched(e.Entity) && e.State is not (EntityState.Unchanged or EntityState.Detached)).ToList();
        }
        finally { tracker.AutoDetectChangesEnabled = detect; }
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context) Before(context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        if (eventData.Context is { } context) Before(context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context) After(context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        if (eventData.Context is { } context) After(context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } context) After(context);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        if (eventData.Context is { } context) After(context);
        return Task.CompletedTask;
    }
}
