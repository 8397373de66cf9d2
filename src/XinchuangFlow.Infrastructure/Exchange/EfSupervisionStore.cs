using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Application.Assessment;
using XinchuangFlow.Domain.Assessment;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Infrastructure.Exchange;

/// <summary>Supervision notices on EF Core.</summary>
public sealed class EfSupervisionStore(IDbContextFactory<XfDbContext> factory) : ISupervisionStore
{
    public async Task<SupervisionNotice?> FindAsync(string idOrNumber, Expression<Func<SupervisionNotice, bool>> scope, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.SupervisionNotices.AsNoTracking().Where(scope);
        return Guid.TryParse(idOrNumber, out var id)
            ? await q.FirstOrDefaultAsync(n => n.Id == id, ct)
            : await q.FirstOrDefaultAsync(n => n.Number == idOrNumber, ct);
    }

    public async Task<SupervisionNotice?> OfInstanceAsync(Guid instanceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.SupervisionNotices.AsNoTracking().FirstOrDefaultAsync(n => n.InstanceId == instanceId, ct);
    }

    public async Task<(IReadOnlyList<SupervisionNotice> Items, int Total)> ListAsync(Expression<Func<SupervisionNotice, bool>> scope, SupervisionFilter filter, int skip, int take,
        CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.SupervisionNotices.AsNoTracking().Where(scope);
        if (filter.Status is { Length: > 0 } s) q = q.Where(n => n.Status == s);
        if (filter.EnterpriseId is { } e) q = q.Where(n => n.EnterpriseId == e);
        if (filter.TicketNumber is { Length: > 0 } t) q = q.Where(n => n.TicketNumber == t);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(n => n.IssuedAt).ThenByDescending(n => n.Number).Skip(skip).Take(take).ToListAsync(ct);
        return (items, total);
    }

    public async Task<SupervisionNotice?> OpenSameAsync(Guid enterpriseId, Guid? ticketId, string reason, string issuedBy, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var unanswered = SupervisionStatus.Owed.ToArray();
        return await db.SupervisionNotices.AsNoTracking()
            .FirstOrDefaultAsync(n => n.EnterpriseId == enterpriseId && n.TicketId == ticketId && n.Reason == reason && n.IssuedBy == issuedBy && unanswered.Contains(n.Status), ct);
    }
}
