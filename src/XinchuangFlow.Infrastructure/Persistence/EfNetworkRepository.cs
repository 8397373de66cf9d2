using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>
/// Reads the service network from the database. Dispatch reads the same integrator's technicians, points and
/// certificates for every ticket while they change a few times a day: that part of a dispatch snapshot is kept per
/// integrator and category for <see cref="DispatchTtl"/> and dropped at once when this node writes the network
/// (<see cref="NetworkWriteWatch"/>); the open workload is read for every ticket.
/// </summary>
public sealed class EfNetworkRepository(IDbContextFactory<XfDbContext> factory, NetworkWriteWatch writes, TimeProvider clock) : INetworkRepository
{
    /// <summary>How long another node's network change may take to reach this node's dispatch (as the rules' cache).</summary>
    public static readonly TimeSpan DispatchTtl = TimeSpan.FromSeconds(2);

    private sealed record Kept(long Generation, long ReadAt, List<Enterprise> Enterprises, List<Technician> Technicians, List<Certificate> Certificates, List<ServicePoint> Points);
    private readonly ConcurrentDictionary<(Guid? Integrator, string Category), Kept> kept = new();

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
        var pool = integratorId is { } id
            ? db.Technicians.AsNoTracking().Where(t => t.EnterpriseId == id)
            : db.Technicians.AsNoTracking().Where(t => db.Enterprises.Any(e => e.Id == t.EnterpriseId && e.Kind == EnterpriseKind.Integrator));
        var key = (integratorId, productCategory);
        var now = clock.GetTimestamp();
        if (!kept.TryGetValue(key, out var network) || network.Generation != writes.Generation || clock.GetElapsedTime(network.ReadAt, now) >= DispatchTtl)
        {
            // The count before reading: a write saved meanwhile leaves this copy already out of date for the next ticket.
            var generation = writes.Generation;
            var enterprises = await db.Enterprises.AsNoTracking().ToListAsync(ct);
            var (technicians, certificates, points) = await PoolAsync(db, pool, productCategory, ct);
            network = new Kept(generation, now, enterprises, technicians, certificates, points);
            kept[key] = network;
        }
        return Snapshot(network.Enterprises, network.Technicians, network.Certificates, network.Points, await WorkloadAsync(db, pool, ct));
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
        var (technicians, certificates, points) = await PoolAsync(db, pool, category, ct);
        return Snapshot(enterprises, technicians, certificates, points, await WorkloadAsync(db, pool, ct));
    }

    private static async Task<(List<Technician>, List<Certificate>, List<ServicePoint>)> PoolAsync(XfDbContext db, IQueryable<Technician> pool, string category, CancellationToken ct)
    {
        // Semi-joins on the pool, not lists of ids: the database picks the rows without thousands of parameters.
        var technicians = await pool.ToListAsync(ct);
        var certificates = await db.Certificates.AsNoTracking().Where(c => c.ProductCategory == category && pool.Any(t => t.Id == c.TechnicianId)).ToListAsync(ct);
        var points = await db.ServicePoints.AsNoTracking().Where(p => pool.Any(t => t.ServicePointId == p.Id)).ToListAsync(ct);
        return (technicians, certificates, points);
    }

    /// <summary>Open tasks per technician of the pool (by login), now.</summary>
    private static async Task<Dictionary<string, int>> WorkloadAsync(XfDbContext db, IQueryable<Technician> pool, CancellationToken ct)
    {
        // "AssigneeUser IN (the pool's logins)": the database seeks each login's open tasks in the (Status, AssigneeUser)
        // index. Written as a correlated EXISTS, SQLite ran the pool's subquery once for every open task of the region
        // (25 ms at 29,000 open tasks against 3.7 ms; docs/performance.md, "Round 6").
        var logins = pool.Select(t => t.UserName);
        var workload = await db.Tasks.AsNoTracking()
            .Where(k => k.Status == HumanTaskStatus.Open && k.AssigneeUser != null && logins.Contains(k.AssigneeUser))
            .GroupBy(k => k.AssigneeUser!).Select(g => new { User = g.Key, Count = g.Count() }).ToListAsync(ct);
        return workload.ToDictionary(w => w.User, w => w.Count, StringComparer.OrdinalIgnoreCase);
    }

    private static NetworkSnapshot Snapshot(List<Enterprise> enterprises, List<Technician> technicians, List<Certificate> certificates, List<ServicePoint> points,
        Dictionary<string, int> byUser) =>
        new(enterprises, points, technicians, certificates, technicians.ToDictionary(t => t.Id, t => byUser.GetValueOrDefault(t.UserName)));
}
