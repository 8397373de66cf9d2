using XinchuangFlow.Application.Access;
using XinchuangFlow.Domain.Network;

namespace XinchuangFlow.Application.Network;

/// <summary>The service network (NET-1..3) as each user may see it: enterprise staff see their own enterprise only.</summary>
public sealed class NetworkService(INetworkRepository network, AccessService access)
{
    public async Task<IReadOnlyList<Enterprise>> EnterprisesAsync(Actor actor, CancellationToken ct = default)
    {
        var all = await network.EnterprisesAsync(ct);
        return access.SeesAllEnterprises(actor) ? all : all.Where(e => e.Id == actor.EnterpriseId).ToList();
    }

    /// <summary>An enterprise the actor may see; anything else is a logged 404.</summary>
    public async Task<Enterprise> GetEnterpriseAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        if (!access.MaySeeEnterprise(actor, id)) throw access.NotFound(actor, "enterprise", id);
        return await network.FindEnterpriseAsync(id, ct) ?? throw new NotFoundException(Problem.Of(Access.AccessProblems.NotFound, null, $"Enterprise {id} does not exist.", ("what", "enterprise"), ("id", id)));
    }

    public async Task<IReadOnlyList<ServicePoint>> ServicePointsAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        await GetEnterpriseAsync(actor, id, ct);
        var points = await network.ServicePointsAsync(id, ct);
        // A coordinator reads the points of their own city (NET-2).
        return access.NetworkCityOf(actor) is { } city ? points.Where(p => p.CountyCode.StartsWith(city, StringComparison.Ordinal)).ToList() : points;
    }

    public async Task<(IReadOnlyList<Technician> Technicians, ILookup<Guid, Certificate> Certificates)> TechniciansAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        await GetEnterpriseAsync(actor, id, ct);
        var technicians = await network.TechniciansAsync(id, ct);
        // A coordinator reads the technicians working from points in their own city (NET-3).
        if (access.NetworkCityOf(actor) is not null)
        {
            var points = (await ServicePointsAsync(actor, id, ct)).Select(p => p.Id).ToHashSet();
            technicians = technicians.Where(t => points.Contains(t.ServicePointId)).ToList();
        }
        return (technicians, (await network.CertificatesAsync(id, ct)).ToLookup(c => c.TechnicianId));
    }

    public async Task<CoverageReport> CoverageAsync(Actor actor, Guid id, GuangxiDivisions divisions, CancellationToken ct = default)
    {
        var enterprise = await GetEnterpriseAsync(actor, id, ct);
        return CoverageReport.Build(enterprise, await network.ServicePointsAsync(id, ct), divisions);
    }
}
