using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Application.Assessment;
using XinchuangFlow.Application.Exchange;
using XinchuangFlow.Domain.Exchange;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Infrastructure.Exchange;

/// <summary>
/// The export's tickets from the database, a page at a time in creation order (keyset: the last page's creation time,
/// and the ids already given at that very time), each page with its history, complaints and reported records in three
/// more queries. Nothing but the page in hand is held, and no reader stays open while the caller writes.
/// </summary>
public sealed class EfExchangeExportSource(IDbContextFactory<XfDbContext> factory) : IExchangeExportSource
{
    public const int PageSize = 500;

    public async IAsyncEnumerable<ExportedTicket> TicketsAsync(KpiScope scope, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken ct = default)
    {
        (from, to) = (from.ToUniversalTime(), to.ToUniversalTime());
        var after = from;
        List<Guid> givenAtAfter = [];
        var first = true;
        while (true)
        {
            List<ExportedTicket> page;
            await using (var db = await factory.CreateDbContextAsync(ct))
            {
                var q = EfKpiSource.Within(db.Tickets.AsNoTracking(), scope).Where(t => t.CreatedAt < to);
                if (first) q = q.Where(t => t.CreatedAt >= after);
                else
                {
                    var at = after;
                    var given = givenAtAfter;
                    q = q.Where(t => t.CreatedAt > at || (t.CreatedAt == at && !given.Contains(t.Id)));
                }
                var tickets = await q.OrderBy(t => t.CreatedAt).Take(PageSize).ToListAsync(ct);
                if (tickets.Count == 0) yield break;
                page = await PageAsync(db, tickets, ct);
            }
            foreach (var t in page) yield return t;
            if (page.Count < PageSize) yield break;
            var last = page[^1].Ticket.CreatedAt;
            if (first || last != after) givenAtAfter = [];
            givenAtAfter.AddRange(page.Where(t => t.Ticket.CreatedAt == last).Select(t => t.Ticket.Id));
            after = last;
            first = false;
        }
    }

    private static async Task<List<ExportedTicket>> PageAsync(XfDbContext db, List<Ticket> tickets, CancellationToken ct)
    {
        var own = tickets.Where(t => !t.IsReported).Select(t => t.Id).ToList();
        var history = own.Count == 0 ? [] : await db.CaseEvents.AsNoTracking().Where(e => own.Contains(e.CaseId)).OrderBy(e => e.Sequence).ToListAsync(ct);
        var complaints = own.Count == 0 ? [] : await db.Complaints.AsNoTracking().Where(k => k.TicketId != null && own.Contains(k.TicketId.Value))
            .OrderBy(k => k.CreatedAt).Select(k => new { TicketId = k.TicketId!.Value, k.CreatedAt, k.ClosedAt, k.Description }).ToListAsync(ct);
        var reportedIds = tickets.Where(t => t.IsReported).Select(t => t.Id).ToList();
        var records = reportedIds.Count == 0 ? [] : await (from t in db.Tickets.AsNoTracking()
                                                          where reportedIds.Contains(t.Id)
                                                          join r in db.ReportedRecords.AsNoTracking() on new { E = t.ReportedBy!.Value, X = t.ExternalId! } equals new { E = r.EnterpriseId, X = r.ExternalId }
                                                          select new { TicketId = t.Id, Record = r }).ToListAsync(ct);
        var historyOf = history.ToLookup(e => e.CaseId);
        var complaintsOf = complaints.ToLookup(k => k.TicketId, k => new ExportedComplaint(k.CreatedAt, k.ClosedAt, k.Description));
        var recordsOf = records.ToLookup(r => r.TicketId, r => r.Record);
        return tickets.Select(t => t.IsReported ? ExchangeExport.Reported(t, recordsOf[t.Id]) : ExchangeExport.Of(t, historyOf[t.Id], complaintsOf[t.Id])).ToList();
    }
}
