using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Infrastructure.Tickets;

/// <summary>The application's read side of cases on EF Core: every user-facing query applies the caller's scope in SQL.</summary>
public sealed class EfCaseDirectory(IDbContextFactory<XfDbContext> factory) : ICaseDirectory
{
    public async Task<(IReadOnlyList<Ticket> Items, int Total)> ListTicketsAsync(TicketFilter filter, int skip, int take, CaseScope scope, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = scope.Apply(db.Tickets.AsNoTracking());
        if (filter.Status is { Length: > 0 } s) q = q.Where(t => t.Status == s);
        if (filter.City is { Length: > 0 } c) q = q.Where(t => t.CityCode == c);
        if (filter.Grade is { Length: > 0 } g) q = q.Where(t => t.Grade == g);
        if (filter.Breached is { } b) q = q.Where(t => t.Breached == b);
        if (filter.Search is { Length: > 0 } text) q = q.Where(t => t.Number.Contains(text) || t.Title.Contains(text) || t.ProcurementUnit.Contains(text));
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Skip(skip).Take(take).ToListAsync(ct);
        return (items, total);
    }

    public async Task<Ticket?> FindTicketAsync(string idOrNumber, CaseScope scope, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = scope.Apply(db.Tickets.AsNoTracking());
        return Guid.TryParse(idOrNumber, out var id) ? await q.FirstOrDefaultAsync(t => t.Id == id, ct) : await q.FirstOrDefaultAsync(t => t.Number == idOrNumber, ct);
    }

    public async Task<Ticket?> FindTicketByKeyAsync(string? user, string key, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.CreatedBy == user && t.RequestKey == key, ct);
    }

    public async Task<Complaint?> FindComplaintAsync(Guid id, CaseScope scope, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await scope.Apply(db.Complaints.AsNoTracking()).FirstOrDefaultAsync(c => c.Id == id, ct);
    }

    public async Task<Complaint?> FindComplaintByKeyAsync(string? user, string key, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Complaints.AsNoTracking().FirstOrDefaultAsync(c => c.CreatedBy == user && c.RequestKey == key, ct);
    }

    public async Task<IReadOnlyList<Complaint>> ComplaintsOfTicketAsync(Guid ticketId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Complaints.AsNoTracking().Where(c => c.TicketId == ticketId).OrderBy(c => c.CreatedAt).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<CaseEvent>> HistoryAsync(Guid caseId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.Sequence).ToListAsync(ct);
    }

    public async Task<ProcurementUnit?> FindUnitAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ProcurementUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
    }

    public async Task<bool> IntegratorExistsAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Enterprises.AnyAsync(e => e.Id == id && e.Kind == EnterpriseKind.Integrator, ct);
    }

    public async Task<CaseMembership> MembershipAsync(Guid instanceId, CaseScope scope, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        // A sub-workflow belongs to the case of the instance at the top of its chain.
        var root = instanceId;
        for (var depth = 0; depth < 10; depth++)
        {
            var parent = await db.Instances.AsNoTracking().Where(i => i.Id == root).Select(i => i.ParentInstanceId).FirstOrDefaultAsync(ct);
            if (parent is not { } p) break;
            root = p;
        }
        if (await db.Tickets.AnyAsync(t => t.InstanceId == root, ct))
            return await scope.Apply(db.Tickets).AnyAsync(t => t.InstanceId == root, ct) ? CaseMembership.InScope : CaseMembership.OutOfScope;
        if (await db.Complaints.AnyAsync(c => c.InstanceId == root, ct))
            return await scope.Apply(db.Complaints).AnyAsync(c => c.InstanceId == root, ct) ? CaseMembership.InScope : CaseMembership.OutOfScope;
        return CaseMembership.NoCase;
    }

    public async Task<(IReadOnlyList<HumanTask> Items, int Total)> ListTasksAsync(TaskFilter filter, int skip, int take, string? user,
        IReadOnlyCollection<string> roles, CaseScope scope, bool everything, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Tasks.AsNoTracking();
        if (filter.Status is { } s) q = q.Where(t => t.Status == s);
        if (filter.InstanceId is { } iid) q = q.Where(t => t.InstanceId == iid);
        if (filter.AssigneeUser is { } a) q = q.Where(t => t.AssigneeUser == a);
        if (filter.Role is { } r) q = q.Where(t => t.AssigneeRole == r);
        if (!everything)
        {
            var roleList = roles.ToList();
            var tickets = scope.Apply(db.Tickets);
            var complaints = scope.Apply(db.Complaints);
            q = q.Where(t => (user != null && t.AssigneeUser == user)
                             || (t.AssigneeRole != null && roleList.Contains(t.AssigneeRole)
                                 && (tickets.Any(k => k.InstanceId == t.InstanceId) || complaints.Any(c => c.InstanceId == t.InstanceId)
                                     || (!db.Tickets.Any(k => k.InstanceId == t.InstanceId) && !db.Complaints.Any(c => c.InstanceId == t.InstanceId)
                                         && !db.Instances.Any(i => i.Id == t.InstanceId && i.ParentInstanceId != null)))));
        }
        var total = await q.CountAsync(ct);
        var items = await q.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.Id).Skip(skip).Take(take).ToListAsync(ct);
        return (items, total);
    }

    public async Task<(IReadOnlyList<InstanceSummary> Items, int Total)> ListInstancesAsync(InstanceFilter filter, int skip, int take, string? user, CaseScope scope, bool everything, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Instances.AsNoTracking();
        if (filter.DefinitionId is { Length: > 0 } d) q = q.Where(i => i.DefinitionId == d);
        if (filter.Version is { } v) q = q.Where(i => i.DefinitionVersion == v);
        if (filter.Status is { } st) q = q.Where(i => i.Status == st);
        if (filter.HasIncidents is { } hasIncidents)
            q = hasIncidents ? q.Where(i => db.Incidents.Any(x => x.InstanceId == i.Id && x.ResolvedAt == null)) : q.Where(i => !db.Incidents.Any(x => x.InstanceId == i.Id && x.ResolvedAt == null));
        if (filter.StartedFrom is { } from) q = q.Where(i => i.CreatedAt >= from);
        if (filter.StartedTo is { } to) q = q.Where(i => i.CreatedAt < to);
        if (filter.Search is { Length: > 0 } text) q = q.Where(i => i.CorrelationId != null && i.CorrelationId.Contains(text));
        if (!everything)
        {
            var tickets = scope.Apply(db.Tickets);
            var complaints = scope.Apply(db.Complaints);
            q = q.Where(i => (user != null && i.CreatedBy == user) || tickets.Any(t => t.InstanceId == i.Id) || complaints.Any(c => c.InstanceId == i.Id));
        }
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(i => i.Id).Skip(skip).Take(take)
            .Select(i => new InstanceSummary(i.Id, i.DefinitionId, i.DefinitionVersion, i.Status, i.CorrelationId, i.CreatedAt, i.UpdatedAt, i.FinishedAt))
            .ToListAsync(ct);
        return (items, total);
    }
}
