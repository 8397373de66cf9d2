using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Infrastructure.Hosting;

/// <summary>
/// What the platform holds right now (OPS-4), as gauges: the timer queue, open incidents, open tasks by age, open
/// tickets and those that breached an SLA. Counted in the database every 15 s by one background round per node, so a
/// scrape never waits for the database.
/// </summary>
public sealed class PlatformMetrics : IDisposable
{
    public const string MeterName = "XinchuangFlow.Platform";
    // One meter per container: several hosts in one process (tests) each measure their own database.
    private readonly Meter Meter = new(MeterName, "1.0");
    private volatile Snapshot _now = new(0, 0, 0, new Dictionary<string, long>(), 0, 0);

    public sealed record Snapshot(long TimersDue, long TimersWaiting, long OpenIncidents, IReadOnlyDictionary<string, long> OpenTasksByAge, long OpenTickets, long BreachedOpenTickets);

    public PlatformMetrics()
    {
        Meter.CreateObservableGauge("xf.timers.due", () => _now.TimersDue, "{timer}", "Timers due now and not yet fired.");
        Meter.CreateObservableGauge("xf.timers.waiting", () => _now.TimersWaiting, "{timer}", "Timers not yet due.");
        Meter.CreateObservableGauge("xf.incidents.open", () => _now.OpenIncidents, "{incident}", "Faulted steps waiting for an operator.");
        Meter.CreateObservableGauge("xf.tasks.open", () => _now.OpenTasksByAge.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("age", p.Key))),
            "{task}", "Open human tasks by how long they have waited.");
        Meter.CreateObservableGauge("xf.tickets.open", () => _now.OpenTickets, "{ticket}", "Tickets not closed or cancelled.");
        Meter.CreateObservableGauge("xf.tickets.breached", () => _now.BreachedOpenTickets, "{ticket}", "Open tickets that breached an SLA clock.");
    }

    public Snapshot Now => _now;

    public void Dispose() => Meter.Dispose();

    public async Task RefreshAsync(IDbContextFactory<XfDbContext> factory, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        // One aggregate query per table (conditional counts), not a query per gauge.
        var timers = await db.Timers.GroupBy(_ => 1)
            .Select(g => new { Due = g.Count(t => t.DueAt <= now), Waiting = g.Count(t => t.DueAt > now) }).FirstOrDefaultAsync(ct);
        var incidents = await db.Incidents.CountAsync(i => i.ResolvedAt == null, ct);
        DateTimeOffset h1 = now.AddHours(-1), h4 = now.AddHours(-4), d1 = now.AddDays(-1);
        var tasks = await db.Tasks.Where(t => t.Status == HumanTaskStatus.Open).GroupBy(_ => 1).Select(g => new
        {
            Lt1h = g.Count(t => t.CreatedAt > h1), H1To4 = g.Count(t => t.CreatedAt <= h1 && t.CreatedAt > h4),
            H4To24 = g.Count(t => t.CreatedAt <= h4 && t.CreatedAt > d1), Gt24h = g.Count(t => t.CreatedAt <= d1),
        }).FirstOrDefaultAsync(ct);
        var byAge = new Dictionary<string, long>
        {
            ["lt1h"] = tasks?.Lt1h ?? 0, ["1h-4h"] = tasks?.H1To4 ?? 0, ["4h-24h"] = tasks?.H4To24 ?? 0, ["gt24h"] = tasks?.Gt24h ?? 0,
        };
        var tickets = await db.Tickets.Where(t => t.Status != TicketStatus.Closed && t.Status != TicketStatus.Cancelled).GroupBy(_ => 1)
            .Select(g => new { Open = g.Count(), Breached = g.Count(t => t.Breached) }).FirstOrDefaultAsync(ct);
        _now = new Snapshot(timers?.Due ?? 0, timers?.Waiting ?? 0, incidents, byAge, tickets?.Open ?? 0, tickets?.Breached ?? 0);
    }
}
