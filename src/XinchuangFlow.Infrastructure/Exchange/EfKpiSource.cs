using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Application.Assessment;
using XinchuangFlow.Domain.Assessment;
using XinchuangFlow.Domain.Exchange;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Infrastructure.Exchange;

/// <summary>
/// The indicators' tickets from the database: the tickets created in the period within the scope (the platform's own
/// and the reported ones, in one table), the platform's complaints on them, and the complaint events the enterprises'
/// platforms reported for theirs. Three queries, read without tracking.
/// </summary>
public sealed class EfKpiSource(IDbContextFactory<XfDbContext> factory) : IKpiSource
{
    /// <summary>The tickets of a service-data scope: the enterprise's (the one serving them) and the city's, when named.</summary>
    internal static IQueryable<Domain.Tickets.Ticket> Within(IQueryable<Domain.Tickets.Ticket> tickets, KpiScope scope)
    {
        if (scope.EnterpriseId is { } e) tickets = tickets.Where(t => t.IntegratorId == e);
        if (scope.CityCode is { } c) tickets = tickets.Where(t => t.CityCode == c);
        return tickets;
    }

    public async Task<IReadOnlyList<KpiCase>> CasesAsync(KpiScope scope, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        (from, to) = (from.ToUniversalTime(), to.ToUniversalTime());
        await using var db = await factory.CreateDbContextAsync(ct);
        var period = Within(db.Tickets.AsNoTracking(), scope).Where(t => t.CreatedAt >= from && t.CreatedAt < to);
        var tickets = await period.ToListAsync(ct);

        var complaints = await (from k in db.Complaints.AsNoTracking()
                                join t in period on k.TicketId equals t.Id
                                select new { TicketId = t.Id, k.CreatedAt, k.ClosedAt }).ToListAsync(ct);
        var byTicket = complaints.GroupBy(k => k.TicketId).ToDictionary(g => g.Key, g => g.Select(k => new KpiComplaint(k.CreatedAt, k.ClosedAt)).ToList());

        // Reported complaints: each "complaint" event opens one, the next "complaint-closed" closes the oldest still open.
        var reported = await (from r in db.ReportedRecords.AsNoTracking()
                              join t in period on new { E = r.EnterpriseId, X = r.ExternalId } equals new { E = t.ReportedBy!.Value, X = t.ExternalId! }
                              where r.Kind == ExchangeKinds.Complaint || r.Kind == ExchangeKinds.ComplaintClosed
                              select new { TicketId = t.Id, r.Sequence, r.Kind, r.At }).ToListAsync(ct);
        foreach (var g in reported.GroupBy(r => r.TicketId))
        {
            var list = byTicket.TryGetValue(g.Key, out var known) ? known : byTicket[g.Key] = [];
            var open = new Queue<int>();
            foreach (var r in g.OrderBy(r => r.Sequence))
            {
                if (r.Kind == ExchangeKinds.Complaint)
                {
                    open.Enqueue(list.Count);
                    list.Add(new KpiComplaint(r.At, null));
                }
                else if (open.Count > 0)
                {
                    var i = open.Dequeue();
                    list[i] = list[i] with { ClosedAt = r.At };
                }
            }
        }
        return tickets.Select(t => new KpiCase(t, byTicket.TryGetValue(t.Id, out var k) ? k : [])).ToList();
    }

    public async Task<KpiExtras> ExtrasAsync(KpiScope scope, DateTimeOffset from, DateTimeOffset to, DateTimeOffset asOf, CancellationToken ct = default)
    {
        (from, to) = (from.ToUniversalTime(), to.ToUniversalTime());
        await using var db = await factory.CreateDbContextAsync(ct);
        var notices = db.SupervisionNotices.AsNoTracking().Where(n => n.IssuedAt >= from && n.IssuedAt < to);
        if (scope.EnterpriseId is { } e) notices = notices.Where(n => n.EnterpriseId == e);
        if (scope.CityCode is { } c) notices = notices.Where(n => n.CityCode == c);
        var articles = db.KnowledgeArticles.AsNoTracking().Where(a => a.EnterpriseId != null && a.PublishedAt != null && a.PublishedAt >= from && a.PublishedAt < to);
        if (scope.EnterpriseId is { } ae) articles = articles.Where(a => a.EnterpriseId == ae);
        var day = Domain.Time.ChinaTime.DayOf(asOf);
        var posts = from t in db.Technicians.AsNoTracking()
                    join p in db.ServicePoints.AsNoTracking() on t.ServicePointId equals p.Id
                    where t.Active && db.Certificates.Any(k => k.TechnicianId == t.Id && k.ValidFrom <= day && k.ValidUntil >= day)
                    select new { p.EnterpriseId, p.CountyCode };
        if (scope.EnterpriseId is { } pe) posts = posts.Where(p => p.EnterpriseId == pe);
        if (scope.CityCode is { } pc) posts = posts.Where(p => p.CountyCode.StartsWith(pc));
        return new KpiExtras(
            await notices.OrderBy(n => n.Number).Select(n => new KpiNotice(n.Number, n.EnterpriseId, n.CityCode, n.IssuedAt, n.ExtendedDeadline ?? n.Deadline,
                n.Status == SupervisionStatus.Returned ? null : n.AnsweredAt, n.Late)).ToListAsync(ct),
            (await articles.OrderBy(a => a.Number).Select(a => new { a.Number, a.EnterpriseId, a.PublishedAt }).ToListAsync(ct))
                .Select(a => new KpiArticle(a.Number, a.EnterpriseId!.Value, a.PublishedAt!.Value)).ToList(),
            (await posts.Distinct().ToListAsync(ct)).Select(p => new KpiPost(p.EnterpriseId, p.CountyCode)).ToList(),
            scope.CityCode is { } city ? Domain.Network.GuangxiDivisions.Shipped.Counties.Where(k => k.CityCode == city).ToList() : null);
    }
}
