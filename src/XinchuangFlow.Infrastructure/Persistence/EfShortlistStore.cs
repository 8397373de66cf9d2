using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Application.Network;
using XinchuangFlow.Domain.Network;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>Shortlist decisions on EF Core. The status is set with a guarded update, not a tracked save, so the kept
/// dispatch network is told of it (<see cref="NetworkWriteWatch"/>) before and after.</summary>
public sealed class EfShortlistStore(IDbContextFactory<XfDbContext> factory, NetworkWriteWatch network) : IShortlistStore
{
    public async Task<bool> ApplyAsync(ShortlistDecision decision, ShortlistStatus expected, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var changed = decision.ToStatus == expected
            ? await db.Enterprises.CountAsync(e => e.Id == decision.EnterpriseId && e.Status == expected, ct)
            : await db.Enterprises.Where(e => e.Id == decision.EnterpriseId && e.Status == expected)
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, decision.ToStatus), ct);
        if (changed != 1) return false;
        network.Changed();
        db.ShortlistDecisions.Add(decision);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        network.Changed();
        return true;
    }

    public async Task<IReadOnlyList<ShortlistDecision>> DecisionsAsync(Guid? enterpriseId, int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.ShortlistDecisions.AsNoTracking();
        if (enterpriseId is { } e) q = q.Where(d => d.EnterpriseId == e);
        return await q.OrderByDescending(d => d.At).ThenByDescending(d => d.Id).Take(take).ToListAsync(ct);
    }
}
