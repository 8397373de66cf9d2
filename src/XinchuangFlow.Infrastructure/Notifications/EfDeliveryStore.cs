using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Application.Notifications;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Infrastructure.Notifications;

/// <summary>The deliveries table on EF Core; hand-over and leases are compare-and-set updates, so nodes never share a message.</summary>
public sealed class EfDeliveryStore(IDbContextFactory<XfDbContext> factory) : IDeliveryStore
{
    private static readonly string[] Outbound = ["email", "sms"];

    public async Task<IReadOnlyList<Notification>> PendingNotificationsAsync(int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Notifications.AsNoTracking().Where(n => n.DeliveredAt == null && Outbound.Contains(n.Channel)).OrderBy(n => n.CreatedAt).Take(take).ToListAsync(ct);
    }

    public async Task<bool> HandOverAsync(Guid notificationId, IReadOnlyList<Delivery> deliveries, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Notifications.Where(n => n.Id == notificationId && n.DeliveredAt == null).ExecuteUpdateAsync(u => u.SetProperty(n => n.DeliveredAt, now), ct);
        if (claimed == 0) return false;
        db.Deliveries.AddRange(deliveries);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<IReadOnlyList<Delivery>> LeaseDueAsync(DateTimeOffset now, TimeSpan lease, int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var due = await db.Deliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LeaseUntil == null || d.LeaseUntil < now))
            .OrderBy(d => d.NextAttemptAt).Take(take).ToListAsync(ct);
        var mine = new List<Delivery>();
        var until = now + lease;
        foreach (var d in due)
        {
            var leased = await db.Deliveries.Where(x => x.Id == d.Id && x.Status == DeliveryStatus.Pending && (x.LeaseUntil == null || x.LeaseUntil < now))
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.LeaseUntil, until), ct);
            if (leased == 1) { d.LeaseUntil = until; mine.Add(d); }
        }
        return mine;
    }

    public async Task SaveAsync(Delivery delivery, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Deliveries.Update(delivery);
        await db.SaveChangesAsync(ct);
    }

    public async Task<Delivery?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Deliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
    }

    public async Task<(IReadOnlyList<Delivery> Items, int Total)> ListAsync(string? status, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Deliveries.AsNoTracking();
        if (!string.IsNullOrEmpty(status)) q = q.Where(d => d.Status == status);
        return (await q.OrderByDescending(d => d.CreatedAt).Skip(skip).Take(take).ToListAsync(ct), await q.CountAsync(ct));
    }
}
