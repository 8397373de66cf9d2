using System.Linq.Expressions;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Application.Access;

/// <summary>
/// Which tickets and complaints a user may see (SEC-2), as a filter the stores apply in their queries. Only
/// <see cref="AccessService"/> creates scopes from a user.
/// </summary>
public sealed record CaseScope(bool All = false, string? City = null, Guid? Enterprise = null, Guid? Unit = null, string? TechnicianUser = null, string? User = null)
{
    public IQueryable<Ticket> Apply(IQueryable<Ticket> q) => All ? q : q.Where(TicketRule());

    public IQueryable<Complaint> Apply(IQueryable<Complaint> q) => All ? q : q.Where(ComplaintRule());

    /// <summary>The scope as a condition on a ticket (for queries that join tickets themselves).</summary>
    public Expression<Func<Ticket, bool>> TicketRule()
    {
        if (All) return t => true;
        if (City is not null) return t => t.CityCode == City;
        if (Enterprise is { } e) return t => t.IntegratorId == e || t.VendorId == e;
        if (TechnicianUser is not null) return t => t.TechnicianUser == TechnicianUser;
        if (Unit is { } u) return t => t.ProcurementUnitId == u || t.CreatedBy == User;
        return t => User != null && t.CreatedBy == User;
    }

    /// <summary>
    /// <see cref="TicketRule"/> for a ticket already in memory (no expression compiled per call); a test holds the two
    /// to the same answers.
    /// </summary>
    public bool Allows(Ticket t)
    {
        if (All) return true;
        if (City is not null) return t.CityCode == City;
        if (Enterprise is { } e) return t.IntegratorId == e || t.VendorId == e;
        if (TechnicianUser is not null) return t.TechnicianUser == TechnicianUser;
        if (Unit is { } u) return t.ProcurementUnitId == u || t.CreatedBy == User;
        return User != null && t.CreatedBy == User;
    }

    /// <summary>
    /// The scope as a condition on an enterprise's assessment result (ASM-2): the region sees every one, an enterprise its
    /// own; a city, a technician or a unit none (its objection and ruling tasks are the enterprise's and the Data Bureau's).
    /// </summary>
    public Expression<Func<XinchuangFlow.Domain.Assessment.AssessmentResult, bool>> AssessmentRule()
    {
        if (All) return r => true;
        if (City is null && Enterprise is { } e) return r => r.EnterpriseId == e;
        return r => false;
    }

    /// <summary>
    /// The scope as a condition on a supervision notice (ASM-7): the region sees every one, a city the notices about its
    /// tickets and those its coordinators issued, an enterprise those issued to it; a technician or a unit none.
    /// </summary>
    public Expression<Func<XinchuangFlow.Domain.Assessment.SupervisionNotice, bool>> SupervisionRule()
    {
        if (All) return n => true;
        if (City is not null) return n => n.CityCode == City;
        if (Enterprise is { } e) return n => n.EnterpriseId == e;
        return n => false;
    }

    /// <summary>The scope as a condition on a complaint.</summary>
    public Expression<Func<Complaint, bool>> ComplaintRule()
    {
        if (All) return c => true;
        if (City is not null) return c => c.CityCode == City;
        if (Enterprise is { } e) return c => c.EnterpriseId == e;
        if (TechnicianUser is not null) return c => false;
        if (Unit is { } u) return c => c.ProcurementUnitId == u || c.CreatedBy == User;
        return c => User != null && c.CreatedBy == User;
    }
}
