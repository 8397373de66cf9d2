using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>Reads the service network from the database.</summary>
public sealed class EfNetworkRepository(IDbContextFactory<XfDbContext> factory) : INetworkRepository
{
    public async Task<IReadOnlyList<Enterprise>> EnterprisesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Enterprises.AsNoTracking().OrderBy(e => e.Name).ToListAsync(ct);
    }

    public async Task<Enterprise?> FindEnterpriseAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
    }

    public async Task<IReadOnlyList<ServicePoint>> ServicePointsAsync(Guid? enterpriseId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.ServicePoints.AsNoTracking();
        if (enterpriseId is { } id) q = q.Where(p => p.EnterpriseId == id);
        return await q.OrderBy(p => p.CountyCode).ThenBy(p => p.Name).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Technician>> TechniciansAsync(Guid? enterpriseId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Technicians.AsNoTracking();
        if (enterpriseId is { } id) q = q.Where(t => t.EnterpriseId == id);
        return await q.OrderBy(t => t.Name).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Certificate>> CertificatesAsync(Guid? enterpriseId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Certificates.AsNoTracking();
        if (enterpriseId is { } id) q = q.Where(c => db.Technicians.Any(t => t.Id == c.TechnicianId && t.EnterpriseId == id));
        return await q.ToListAsync(ct);
    }

    public async Task<NetworkSnapshot> SnapshotAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        // Open work per technician: tasks assigned to their user name that are still open.
        var workload = await db.Tasks.AsNoTracking()
            .Where(t => t.Status == HumanTaskStatus.Open && t.AssigneeUser != null)
            .GroupBy(t => t.AssigneeUser!).Select(g => new { User = g.Key, Count = g.Count() }).ToListAsync(ct);
        var technicians = await db.Technicians.AsNoTracking().ToListAsync(ct);
        var byUser = workload.ToDictionary(w => w.User, w => w.Count, StringComparer.OrdinalIgnoreCase);
        return new NetworkSnapshot(
            await db.Enterprises.AsNoTracking().ToListAsync(ct),
            await db.ServicePoints.AsNoTracking().ToListAsync(ct),
            technicians,
            await db.Certificates.AsNoTracking().ToListAsync(ct),
            technicians.ToDictionary(t => t.Id, t => byUser.GetValueOrDefault(t.UserName)));
    }

    public async Task<NetworkSnapshot> DispatchSnapshotAsync(Guid? integratorId, string productCategory, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var enterprises = await db.Enterprises.AsNoTracking().ToListAsync(ct);
        var pool = integratorId is { } id
            ? db.Technicians.AsNoTracking().Where(t => t.EnterpriseId == id)
            : db.Technicians.AsNoTracking().Where(t => db.Enterprises.Any(e => e.Id == t.EnterpriseId && e.Kind == EnterpriseKind.Integrator));
        return await SnapshotOfAsync(db, enterprises, pool, productCategory, ct);
    }

    public async Task<NetworkSnapshot> TechnicianSnapshotAsync(string userName, string productCategory, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var user = userName.Trim();
        var pool = db.Technicians.AsNoTracking().Where(t => t.UserName == user || t.UserName.ToLower() == user.ToLower());
        var enterprise = pool.Select(t => t.EnterpriseId);
        var enterprises = await db.Enterprises.AsNoTracking().Where(e => enterprise.Contains(e.Id)).ToListAsync(ct);
        return await SnapshotOfAsync(db, enterprises, pool, productCategory, ct);
    }

    private static async Task<NetworkSnapshot> SnapshotOfAsync(XfDbContext db, List<Enterprise> enterprises, IQueryable<Technician> pool, string category, CancellationToken ct)
    {
        // Semi-joins on the pool, not lists of ids: the database picks the rows without thousands of parameters.
        var technicians = await pool.ToListAsync(ct);
        var certificates = await db.Certificates.AsNoTracking().Where(c => c.ProductCategory == category && pool.Any(t => t.Id == c.TechnicianId)).ToListAsync(ct);
        var points = await db.ServicePoints.AsNoTracking().Where(p => pool.Any(t => t.ServicePointId == p.Id)).ToListAsync(ct);
        var workload = await db.Tasks.AsNoTracking()
            .Where(k => k.Status == HumanTaskStatus.Open && k.AssigneeUser != null && pool.Any(t => t.UserName == k.AssigneeUser))
            .GroupBy(k => k.AssigneeUser!).Select(g => new { User = g.Key, Count = g.Count() }).ToListAsync(ct);
        var byUser = workload.ToDictionary(w => w.User, w => w.Count, StringComparer.OrdinalIgnoreCase);
        return new NetworkSnapshot(enterprises, points, technicians, certificates, technicians.ToDictionary(t => t.Id, t => byUser.GetValueOrDefault(t.UserName)));
    }
}
