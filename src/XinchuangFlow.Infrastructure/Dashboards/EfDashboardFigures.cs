using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using XinchuangFlow.Application.Dashboards;
using XinchuangFlow.Domain.Dashboards;
using XinchuangFlow.Domain.Exchange;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Domain.Time;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Infrastructure.Dashboards;

/// <summary>
/// The daily figures in the database (DSH-1, PERF-2). A job folds them (<see cref="DashboardFoldJob"/>): each day touched
/// since the last fold is folded again from its tickets — at most a few thousand, read through the index on the
/// creation time — and its rows replaced in one transaction, so a fold is idempotent and a missed run is caught up by the
/// next. The dashboards sum the rows of a period through the (day | city | enterprise, day) indexes; the open and overdue
/// counts read the open tickets through the (status, county) index; a technician's own figures are folded on the fly.
/// </summary>
public sealed class EfDashboardFigures(IDbContextFactory<XfDbContext> factory, TimeProvider clock, ILogger<EfDashboardFigures> log) : IDashboardFigures
{
    /// <summary>How far back of the last fold's start a fold looks again (a transaction that committed late, clocks of other nodes).</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    private static readonly TicketStatus[] OpenStatuses = TicketStatus.All.Where(s => s != TicketStatus.Closed && s != TicketStatus.Cancelled).ToArray();

    /// <summary>What the fold reads of a ticket (not its encrypted fields).</summary>
    private static readonly Expression<Func<Ticket, Ticket>> Slim = t => new Ticket
    {
        Id = t.Id, Number = t.Number, CreatedAt = t.CreatedAt, Status = t.Status, CityCode = t.CityCode, CountyCode = t.CountyCode, IntegratorId = t.IntegratorId,
        ReportedBy = t.ReportedBy, ExternalId = t.ExternalId, ProductCategory = t.ProductCategory, Os = t.Os, Cpu = t.Cpu, Satisfaction = t.Satisfaction,
        ClocksJson = t.ClocksJson, ResponseDueAt = t.ResponseDueAt, OnSiteDueAt = t.OnSiteDueAt, ResolutionDueAt = t.ResolutionDueAt, ClosedAt = t.ClosedAt,
    };

    private static DateTimeOffset Start(DateOnly day) => ChinaTime.At(day, TimeOnly.MinValue).ToUniversalTime();

    public async Task<int> FoldAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        var mark = await db.DashboardFoldMarks.FirstOrDefaultAsync(m => m.Id == 1, ct);
        var days = new HashSet<DateOnly>();
        void Touch(DateTimeOffset created, DateTimeOffset? closed)
        {
            days.Add(ChinaTime.DayOf(created));
            if (closed is { } c) days.Add(ChinaTime.DayOf(c));
        }
        if (mark is null)
        {
            // The first fold: every day that has a ticket.
            await foreach (var t in db.Tickets.AsNoTracking().Select(t => new { t.CreatedAt, t.ClosedAt }).AsAsyncEnumerable().WithCancellation(ct)) Touch(t.CreatedAt, t.ClosedAt);
        }
        else
        {
            var since = mark.FoldedTo - Overlap;
            foreach (var t in await db.Tickets.AsNoTracking().Where(t => t.UpdatedAt >= since).Select(t => new { t.CreatedAt, t.ClosedAt }).ToListAsync(ct))
                Touch(t.CreatedAt, t.ClosedAt);
            // An on-site clock whose deadline passed since: late now, though the ticket did not change.
            foreach (var t in await db.Tickets.AsNoTracking().Where(t => t.OnSiteDueAt >= since && t.OnSiteDueAt < now).Select(t => new { t.CreatedAt, t.ClosedAt }).ToListAsync(ct))
                Touch(t.CreatedAt, t.ClosedAt);
            foreach (var created in await (from k in db.Complaints.AsNoTracking()
                                           join t in db.Tickets on k.TicketId equals t.Id
                                           where k.CreatedAt >= since
                                           select t.CreatedAt).ToListAsync(ct))
                Touch(created, null);
        }
        foreach (var day in days.Order()) await FoldDayAsync(db, day, now, ct);
        if (mark is null) db.DashboardFoldMarks.Add(new DashboardFoldMark { Id = 1, FoldedTo = now });
        else mark.FoldedTo = now;
        await db.SaveChangesAsync(ct);
        if (days.Count > 0) log.LogDebug("Dashboard figures: {Days} day(s) folded", days.Count);
        return days.Count;
    }

    /// <summary>Folds one day again from its tickets and replaces its rows.</summary>
    private static async Task FoldDayAsync(XfDbContext db, DateOnly day, DateTimeOffset now, CancellationToken ct)
    {
        var (start, end) = (Start(day), Start(day.AddDays(1)));
        var created = await CasesAsync(db, db.Tickets.AsNoTracking().Where(t => t.CreatedAt >= start && t.CreatedAt < end), ct);
        var closed = await db.Tickets.AsNoTracking().Where(t => t.ClosedAt >= start && t.ClosedAt < end).Select(Slim).ToListAsync(ct);
        var (figures, products) = DailyFigureFold.Fold(day, created, closed, now);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.DailyFigures.Where(f => f.Day == day).ExecuteDeleteAsync(ct);
            await db.DailyProductFigures.Where(f => f.Day == day).ExecuteDeleteAsync(ct);
            db.DailyFigures.AddRange(figures);
            db.DailyFigures.AddRange(DailyFigureFold.RollUp(figures));
            db.DailyProductFigures.AddRange(products);
            db.DailyProductFigures.AddRange(DailyFigureFold.RollUp(products));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
        db.ChangeTracker.Clear();
    }

    /// <summary>The tickets of a query with their complaints: the platform's and those the enterprises' platforms reported.</summary>
    private static async Task<List<FoldCase>> CasesAsync(XfDbContext db, IQueryable<Ticket> tickets, CancellationToken ct)
    {
        var list = await tickets.Select(Slim).ToListAsync(ct);
        if (list.Count == 0) return [];
        var counts = (await (from k in db.Complaints.AsNoTracking()
                             join t in tickets on k.TicketId equals t.Id
                             group k by t.Id into g
                             select new { g.Key, N = g.Count() }).ToListAsync(ct)).ToDictionary(x => x.Key, x => x.N);
        foreach (var r in await (from r in db.ReportedRecords.AsNoTracking()
                                 join t in tickets on new { E = r.EnterpriseId, X = r.ExternalId } equals new { E = t.ReportedBy!.Value, X = t.ExternalId! }
                                 where r.Kind == ExchangeKinds.Complaint
                                 select t.Id).ToListAsync(ct))
            counts[r] = counts.GetValueOrDefault(r) + 1;
        return list.Select(t => new FoldCase(t, counts.GetValueOrDefault(t.Id))).ToList();
    }

    public async Task<DashboardSums> SumAsync(DashboardScope scope, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (scope.TechnicianUser is { } user) return await TechnicianSumsAsync(db, user, from, to, ct);
        var period = db.DailyFigures.AsNoTracking().Where(x => x.Day >= from && x.Day < to);
        var p = db.DailyProductFigures.AsNoTracking().Where(x => x.Day >= from && x.Day < to);
        List<Sum<string>> byCounty;
        List<Sum<Guid>> byEnterprise;
        List<Sum<DateOnly>> byDay;
        if (scope.EnterpriseId is null)
        {
            // The region and a city read the coarser rows: per county (the map, the counties, the trend), per city and
            // enterprise (the enterprises); the region's products too, a city's from its own rows.
            var counties = period.Where(x => x.Grain == DailyFigure.ByCounty);
            var enterprises = period.Where(x => x.Grain == DailyFigure.ByCityEnterprise);
            if (scope.CityCode is { } city)
            {
                counties = counties.Where(x => x.CityCode == city);
                enterprises = enterprises.Where(x => x.CityCode == city);
                p = p.Where(x => x.Grain == DailyProductFigure.Detail && x.CityCode == city);
            }
            else p = p.Where(x => x.Grain == DailyProductFigure.Region);
            byCounty = await Sums(counties.GroupBy(x => x.CountyCode)).ToListAsync(ct);
            byDay = await Sums(counties.GroupBy(x => x.Day)).ToListAsync(ct);
            byEnterprise = await Sums(enterprises.GroupBy(x => x.EnterpriseId)).ToListAsync(ct);
        }
        else
        {
            // An enterprise's own rows (within a city, if asked).
            var f = period.Where(x => x.Grain == DailyFigure.Detail && x.EnterpriseId == scope.EnterpriseId);
            p = p.Where(x => x.Grain == DailyProductFigure.Detail && x.EnterpriseId == scope.EnterpriseId);
            if (scope.CityCode is { } city)
            {
                f = f.Where(x => x.CityCode == city);
                p = p.Where(x => x.CityCode == city);
            }
            byCounty = await Sums(f.GroupBy(x => x.CountyCode)).ToListAsync(ct);
            byEnterprise = await Sums(f.GroupBy(x => x.EnterpriseId)).ToListAsync(ct);
            byDay = await Sums(f.GroupBy(x => x.Day)).ToListAsync(ct);
        }
        var byCategory = await p.GroupBy(x => x.ProductCategory).Select(g => new { g.Key, N = g.Sum(x => x.Created) }).ToListAsync(ct);
        var byPlatform = await p.GroupBy(x => new { x.Os, x.Cpu }).Select(g => new { g.Key.Os, g.Key.Cpu, N = g.Sum(x => x.Created) })
            .OrderByDescending(x => x.N).Take(50).ToListAsync(ct);
        return new DashboardSums(byCounty.Select(s => s.To(s.Key)).ToList(), byEnterprise.Select(s => s.To(s.Key.ToString())).ToList(),
            byDay.Select(s => s.To(s.Key.ToString("yyyy-MM-dd"))).ToList(), byCategory.Select(c => new ProductCount(c.Key, "", "", c.N)).ToList(),
            byPlatform.Select(c => new ProductCount("", c.Os, c.Cpu, c.N)).ToList());
    }

    private sealed class Sum<TKey>
    {
        public TKey Key { get; init; } = default!;
        public int Created { get; init; }
        public int Reported { get; init; }
        public int Closed { get; init; }
        public int OnSiteDue { get; init; }
        public int OnSiteMet { get; init; }
        public int SameCityDue { get; init; }
        public int SameCityMet { get; init; }
        public int OtherCityDue { get; init; }
        public int OtherCityMet { get; init; }
        public int SatisfactionSum { get; init; }
        public int SatisfactionCount { get; init; }
        public int Dissatisfied { get; init; }
        public int Complaints { get; init; }

        public FigureSum To(string key) => new(key, Created, Reported, Closed, OnSiteDue, OnSiteMet, SameCityDue, SameCityMet, OtherCityDue, OtherCityMet,
            SatisfactionSum, SatisfactionCount, Dissatisfied, Complaints);
    }

    private static IQueryable<Sum<TKey>> Sums<TKey>(IQueryable<IGrouping<TKey, DailyFigure>> groups) => groups.Select(g => new Sum<TKey>
    {
        Key = g.Key, Created = g.Sum(x => x.Created), Reported = g.Sum(x => x.Reported), Closed = g.Sum(x => x.Closed), OnSiteDue = g.Sum(x => x.OnSiteDue),
        OnSiteMet = g.Sum(x => x.OnSiteMet), SameCityDue = g.Sum(x => x.SameCityDue), SameCityMet = g.Sum(x => x.SameCityMet), OtherCityDue = g.Sum(x => x.OtherCityDue),
        OtherCityMet = g.Sum(x => x.OtherCityMet), SatisfactionSum = g.Sum(x => x.SatisfactionSum), SatisfactionCount = g.Sum(x => x.SatisfactionCount),
        Dissatisfied = g.Sum(x => x.Dissatisfied), Complaints = g.Sum(x => x.Complaints),
    });

    /// <summary>A technician's own figures, folded from their tickets (through the index on the technician).</summary>
    private static async Task<DashboardSums> TechnicianSumsAsync(XfDbContext db, string user, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var (start, end) = (Start(from), Start(to));
        var mine = db.Tickets.AsNoTracking().Where(t => t.TechnicianUser == user);
        var created = await CasesAsync(db, mine.Where(t => t.CreatedAt >= start && t.CreatedAt < end), ct);
        var closed = await mine.Where(t => t.ClosedAt >= start && t.ClosedAt < end).Select(Slim).ToListAsync(ct);
        var now = DateTimeOffset.UtcNow;
        var figures = new List<DailyFigure>();
        var products = new List<DailyProductFigure>();
        var createdByDay = created.ToLookup(c => ChinaTime.DayOf(c.Ticket.CreatedAt));
        var closedByDay = closed.ToLookup(t => ChinaTime.DayOf(t.ClosedAt!.Value));
        foreach (var day in createdByDay.Select(g => g.Key).Union(closedByDay.Select(g => g.Key)))
        {
            var (f, p) = DailyFigureFold.Fold(day, createdByDay[day], closedByDay[day], now);
            figures.AddRange(f);
            products.AddRange(p);
        }
        return DashboardSums.Of(figures, products);
    }

    public async Task<OpenCounts> OpenAsync(DashboardScope scope, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var open = Within(db.Tickets.AsNoTracking(), scope).Where(t => OpenStatuses.Contains(t.Status));
        var rows = await open.GroupBy(t => new { t.CountyCode, t.IntegratorId, t.ReportedBy })
            .Select(g => new { g.Key.CountyCode, g.Key.IntegratorId, g.Key.ReportedBy, Open = g.Count(), Overdue = g.Count(t => t.NextDueAt != null && t.NextDueAt < now) })
            .ToListAsync(ct);
        return new OpenCounts(
            rows.GroupBy(r => r.CountyCode).Select(g => new OpenCount(g.Key, g.Sum(r => r.Open), g.Sum(r => r.Overdue))).ToList(),
            rows.GroupBy(r => (r.IntegratorId ?? r.ReportedBy ?? Guid.Empty).ToString()).Select(g => new OpenCount(g.Key, g.Sum(r => r.Open), g.Sum(r => r.Overdue))).ToList());
    }

    /// <summary>The tickets of a dashboard's scope: its city's, its enterprise's (serving or reporting them), a technician's own.</summary>
    private static IQueryable<Ticket> Within(IQueryable<Ticket> tickets, DashboardScope scope)
    {
        if (scope.CityCode is { } c) tickets = tickets.Where(t => t.CityCode == c);
        if (scope.EnterpriseId is { } e) tickets = tickets.Where(t => t.IntegratorId == e || (t.IntegratorId == null && t.ReportedBy == e));
        if (scope.TechnicianUser is { } u) tickets = tickets.Where(t => t.TechnicianUser == u);
        return tickets;
    }

    public async Task<(IReadOnlyList<DashboardTicketRow> Rows, int Total, int? Missed)> TicketsAsync(DashboardScope scope, DashboardDrill drill, DateTimeOffset now,
        int skip, int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = Within(db.Tickets.AsNoTracking(), scope);
        // The narrowing asked (always within the scope above).
        if (drill.CityCode is { } city) q = q.Where(t => t.CityCode == city);
        if (drill.CountyCode is { } county) q = q.Where(t => t.CountyCode == county);
        if (drill.EnterpriseId is { } e) q = q.Where(t => t.IntegratorId == e || (t.IntegratorId == null && t.ReportedBy == e));
        if (drill.Category is { } cat) q = q.Where(t => t.ProductCategory == cat);
        if (drill.Os is { } os) q = q.Where(t => t.Os == os);
        if (drill.Cpu is { } cpu) q = q.Where(t => t.Cpu == cpu);
        var (start, end) = (Start(drill.From), Start(drill.To));
        var inPeriod = q.Where(t => t.CreatedAt >= start && t.CreatedAt < end && t.Status != TicketStatus.Cancelled);
        q = drill.Figure switch
        {
            DashboardFigureCodes.Open => q.Where(t => OpenStatuses.Contains(t.Status)),
            DashboardFigureCodes.Overdue => q.Where(t => OpenStatuses.Contains(t.Status) && t.NextDueAt != null && t.NextDueAt < now),
            DashboardFigureCodes.Closed => q.Where(t => t.Status == TicketStatus.Closed && t.ClosedAt >= start && t.ClosedAt < end),
            // The on-site figure's tickets: those whose on-site clock may be decided (checked in, or past its deadline); each row says kept or missed.
            DashboardFigureCodes.OnSite => inPeriod.Where(t => t.CheckInAt != null || t.RemoteHandled || (t.OnSiteDueAt != null && t.OnSiteDueAt < now)),
            DashboardFigureCodes.Rated => inPeriod.Where(t => t.Satisfaction >= 1 && t.Satisfaction <= 5),
            DashboardFigureCodes.Dissatisfied => inPeriod.Where(t => t.Satisfaction >= 1 && t.Satisfaction <= 2),
            DashboardFigureCodes.Complaints => inPeriod.Where(t => db.Complaints.Any(k => k.TicketId == t.Id)
                || db.ReportedRecords.Any(r => r.EnterpriseId == t.ReportedBy && r.ExternalId == t.ExternalId && r.Kind == ExchangeKinds.Complaint)),
            _ => inPeriod,
        };
        int total;
        int? missed = null;
        IQueryable<Ticket> paged;
        if (drill.Figure == DashboardFigureCodes.OnSite)
        {
            // Whether a clock was kept is read from the ticket's clocks, not a column: judge every ticket of the list (their
            // clocks only), put the missed ones first, count them, and read the page's tickets by id.
            var judged = (await q.Select(t => new { t.Id, t.Number, t.CreatedAt, t.ClocksJson, t.OnSiteDueAt }).ToListAsync(ct))
                .Select(t => (t.Id, t.Number, t.CreatedAt, Kept: DailyFigureFold.OnSiteKept(new Ticket { ClocksJson = t.ClocksJson, OnSiteDueAt = t.OnSiteDueAt }, now)))
                .ToList();
            total = judged.Count;
            missed = judged.Count(t => t.Kept == false);
            var ids = judged.OrderBy(t => t.Kept switch { false => 0, null => 1, true => 2 }).ThenByDescending(t => t.CreatedAt).ThenBy(t => t.Number, StringComparer.Ordinal)
                .Skip(skip).Take(take).Select(t => t.Id).ToList();
            paged = db.Tickets.AsNoTracking().Where(t => ids.Contains(t.Id));
        }
        else
        {
            total = await q.CountAsync(ct);
            paged = q.OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Number).Skip(skip).Take(take);
        }
        var page = await paged
            .Select(t => new { Ticket = new Ticket
            {
                Id = t.Id, Number = t.Number, CreatedAt = t.CreatedAt, Status = t.Status, CityCode = t.CityCode, CountyCode = t.CountyCode, IntegratorId = t.IntegratorId,
                ReportedBy = t.ReportedBy, ProductCategory = t.ProductCategory, Os = t.Os, Cpu = t.Cpu, Satisfaction = t.Satisfaction, ClocksJson = t.ClocksJson,
                ResponseDueAt = t.ResponseDueAt, OnSiteDueAt = t.OnSiteDueAt, ResolutionDueAt = t.ResolutionDueAt, ClosedAt = t.ClosedAt, NextDueAt = t.NextDueAt, Title = t.Title,
            } }).ToListAsync(ct);
        var rows = page.Select(x => x.Ticket).Select(t => new DashboardTicketRow(t.Number, t.Title, t.CreatedAt, t.Status.Code, t.CityCode, t.CountyCode,
            t.IntegratorId ?? t.ReportedBy, t.ProductCategory, t.Os, t.Cpu, t.ClosedAt, OpenStatuses.Contains(t.Status) ? t.NextDueAt : null,
            DailyFigureFold.OnSiteKept(t, now), t.Satisfaction, t.ReportedBy is not null)).ToList();
        if (missed is not null)
            rows = rows.OrderBy(r => r.OnSiteKept switch { false => 0, null => 1, true => 2 }).ThenByDescending(r => r.CreatedAt).ThenBy(r => r.Number, StringComparer.Ordinal).ToList();
        return (rows, total, missed);
    }
}
