using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Application.Assessment;
using XinchuangFlow.Domain.Assessment;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Infrastructure.Exchange;

/// <summary>Red-line alerts on EF Core; an alert and its notifications are written together.</summary>
public sealed class EfRedLineStore(IDbContextFactory<XfDbContext> factory) : IRedLineStore
{
    public async Task<IReadOnlyList<RedLineAlert>> OpenAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.RedLineAlerts.AsNoTracking().Where(a => a.RecoveredAt == null).ToListAsync(ct);
    }

    public async Task RaiseAsync(RedLineAlert alert, IReadOnlyList<Notification> notifications, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.RedLineAlerts.Add(alert);
        db.Notifications.AddRange(notifications);
        await db.SaveChangesAsync(ct);
    }

    public async Task RecoverAsync(Guid id, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.RedLineAlerts.Where(a => a.Id == id && a.RecoveredAt == null).ExecuteUpdateAsync(u => u.SetProperty(a => a.RecoveredAt, at), ct);
    }

    public async Task<IReadOnlyList<RedLineAlert>> ListAsync(Guid? enterpriseId, int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.RedLineAlerts.AsNoTracking();
        if (enterpriseId is { } e) q = q.Where(a => a.EnterpriseId == e);
        return await q.OrderByDescending(a => a.CrossedAt).ThenByDescending(a => a.Id).Take(take).ToListAsync(ct);
    }
}
