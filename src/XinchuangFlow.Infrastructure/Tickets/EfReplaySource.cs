using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Application.Rules;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Infrastructure.Tickets;

/// <summary>
/// Reads past tickets for a what-if replay: two queries — the tickets of the period, and their clock events in order
/// (joined to the same ticket query, so no id list travels) — read without tracking.
/// </summary>
public sealed class EfReplaySource(IDbContextFactory<XfDbContext> factory) : IReplaySource
{
    public async Task<IReadOnlyList<ReplayTicket>> TicketsAsync(string? cityCode, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken ct = default)
    {
        // PostgreSQL's timestamptz takes UTC only; a period given in China time is the same instants in UTC.
        (from, to) = (from.ToUniversalTime(), to.ToUniversalTime());
        await using var db = await factory.CreateDbContextAsync(ct);
        var period = db.Tickets.AsNoTracking().Where(t => t.CreatedAt >= from && t.CreatedAt < to);
        if (cityCode is not null) period = period.Where(t => t.CityCode == cityCode);
        period = period.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).Take(limit);
        var tickets = await period.Select(t => new
        {
            t.Id, t.Number, t.Title, t.CityCode, t.CountyCode, t.Grade, Overridden = t.GradeOverride != null, t.ServicePointCounty,
            t.ProductCategory, t.Impact, t.Description, t.CreatedAt,
        }).ToListAsync(ct);
        var events = await (from e in db.CaseEvents.AsNoTracking()
                            join t in period on e.CaseId equals t.Id
                            where e.Kind.StartsWith("clock-")
                            orderby e.Sequence
                            select new { e.CaseId, e.At, e.Kind, e.Data }).ToListAsync(ct);
        var history = events.GroupBy(e => e.CaseId).ToDictionary(g => g.Key, g => g.Select(e => Parse(e.At, e.Kind, e.Data)).OfType<ClockHistoryEvent>().ToList());
        return tickets.Select(t => new ReplayTicket(t.Number, t.Title, t.CityCode, t.CountyCode, t.Grade, t.Overridden, t.ServicePointCounty,
            t.ProductCategory, t.Impact, t.Description, t.CreatedAt,
            history.TryGetValue(t.Id, out var h) ? RuleReplay.ClocksFrom(h) : [])).ToList();
    }

    public async Task<IReadOnlyList<Ticket>> OpenTicketsAsync(string cityCode, int limit, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Tickets.AsNoTracking()
            .Where(t => t.CityCode == cityCode && t.Status != TicketStatus.Closed && t.Status != TicketStatus.Cancelled && t.NextClock != null)
            .OrderBy(t => t.CreatedAt).Take(limit).ToListAsync(ct);
    }

    /// <summary>A stored clock event (<see cref="Cases.CaseSession.ClockEvent"/>); null when it names no clock.</summary>
    private static ClockHistoryEvent? Parse(DateTimeOffset at, string kind, string? data)
    {
        if (data is null || JsonNode.Parse(data) is not JsonObject o || o["clock"]?.GetValue<string>() is not { } name) return null;
        ClockKind clock;
        try { clock = TicketClocks.Parse(name); }
        catch (ArgumentException) { return null; }
        TimeSpan? target = o["target"]?.GetValue<string>() is { } t && TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out var span) ? span : null;
        return new ClockHistoryEvent(at, kind["clock-".Length..], clock, target, o["targetReason"]?.GetValue<string>(), o["targetFixed"]?.GetValue<bool>() == true);
    }
}
