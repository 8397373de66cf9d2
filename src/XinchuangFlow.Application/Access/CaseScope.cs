using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Application.Access;

/// <summary>
/// Which tickets and complaints a user may see (SEC-2), as a filter the stores apply in their queries. Only
/// <see cref="AccessService"/> creates scopes from a user.
/// </summary>
public sealed record CaseScope(bool All = false, string? City = null, Guid? Enterprise = null, Guid? Unit = null, string? TechnicianUser = null, string? User = null)
{
    public IQueryable<Ticket> Apply(IQueryable<Ticket> q)
    {
        if (All) return q;
        if (City is not null) return q.Where(t => t.CityCode == City);
        if (Enterprise is { } e) return q.Where(t => t.IntegratorId == e || t.VendorId == e);
        if (TechnicianUser is not null) return q.Where(t => t.TechnicianUser == TechnicianUser);
        if (Unit is { } u) return q.Where(t => t.ProcurementUnitId == u || t.CreatedBy == User);
        return q.Where(t => User != null && t.CreatedBy == User);
    }

    public IQueryable<Complaint> Apply(IQueryable<Complaint> q)
    {
        if (All) return q;
        if (City is not null) return q.Where(c => c.CityCode == City);
        if (Enterprise is { } e) return q.Where(c => c.EnterpriseId == e);
        if (TechnicianUser is not null) return q.Where(c => false);
        if (Unit is { } u) return q.Where(c => c.ProcurementUnitId == u || c.CreatedBy == User);
        return q.Where(c => User != null && c.CreatedBy == User);
    }
}
