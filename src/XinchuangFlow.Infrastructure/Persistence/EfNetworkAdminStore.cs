using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Application.Network;
using XinchuangFlow.Domain.Network;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>The managed service network (NET-2/3) on EF Core: one enterprise's rows read together, changes written in one transaction.</summary>
public sealed class EfNetworkAdminStore(IDbContextFactory<XfDbContext> factory) : INetworkAdminStore
{
    public async Task<NetworkBook?> BookAsync(Guid enterpriseId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var enterprise = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.Id == enterpriseId, ct);
        if (enterprise is null) return null;
        var technicians = db.Technicians.AsNoTracking().Where(t => t.EnterpriseId == enterpriseId);
        return new NetworkBook(enterprise,
            await db.ServicePoints.AsNoTracking().Where(p => p.EnterpriseId == enterpriseId).OrderBy(p => p.CountyCode).ThenBy(p => p.Name).ToListAsync(ct),
            await technicians.OrderBy(t => t.Name).ToListAsync(ct),
            await db.Certificates.AsNoTracking().Where(c => technicians.Any(t => t.Id == c.TechnicianId)).ToListAsync(ct),
            await db.TrainingRecords.AsNoTracking().Where(r => technicians.Any(t => t.Id == r.TechnicianId)).ToListAsync(ct));
    }

    public async Task<Technician?> TechnicianByLoginAsync(string userName, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var user = userName.Trim();
        var lower = user.ToLowerInvariant();
        return await db.Technicians.AsNoTracking().FirstOrDefaultAsync(t => t.UserName == user || t.UserName.ToLower() == lower, ct);
    }

    public async Task<(Certificate Certificate, Guid EnterpriseId)?> CertificateByNumberAsync(string number, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var found = await db.Certificates.AsNoTracking().Where(c => c.Number == number)
            .Join(db.Technicians, c => c.TechnicianId, t => t.Id, (c, t) => new { Certificate = c, t.EnterpriseId }).FirstOrDefaultAsync(ct);
        return found is null ? null : (found.Certificate, found.EnterpriseId);
    }

    public async Task<bool> EnterpriseNameTakenAsync(string name, Guid? except, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Enterprises.AnyAsync(e => e.Name == name && e.Id != except, ct);
    }

    public async Task<IReadOnlyDictionary<Guid, NetworkCounts>> CountsAsync(string? cityCode, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var points = db.ServicePoints.AsNoTracking().Where(p => p.Active);
        if (cityCode is not null) points = points.Where(p => p.CountyCode.StartsWith(cityCode));
        var pointCounts = await points.GroupBy(p => p.EnterpriseId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var technicianCounts = await db.Technicians.AsNoTracking().Where(t => t.Active && points.Any(p => p.Id == t.ServicePointId))
            .GroupBy(t => t.EnterpriseId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var technicians = technicianCounts.ToDictionary(c => c.Key, c => c.Count);
        return pointCounts.Select(p => p.Key).Union(technicians.Keys)
            .ToDictionary(id => id, id => new NetworkCounts(pointCounts.FirstOrDefault(p => p.Key == id)?.Count ?? 0, technicians.GetValueOrDefault(id)));
    }

    public async Task ApplyAsync(NetworkChanges changes, CancellationToken ct = default)
    {
        if (changes.IsEmpty) return;
        await using var db = await factory.CreateDbContextAsync(ct);
        foreach (var row in changes.Removed) db.Remove(row);
        foreach (var row in changes.Added) db.Add(row);
        foreach (var row in changes.Updated)
        {
            if (row is Enterprise e)
            {
                // Name and kind only: the shortlist status is the shortlist decisions' to change.
                var entry = db.Attach(e);
                entry.Property(x => x.Name).IsModified = true;
                entry.Property(x => x.Kind).IsModified = true;
            }
            else db.Update(row);
        }
        await db.SaveChangesAsync(ct);
    }
}
