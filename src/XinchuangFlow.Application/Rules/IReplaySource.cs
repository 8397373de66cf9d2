using XinchuangFlow.Domain.Rules;

namespace XinchuangFlow.Application.Rules;

/// <summary>The past tickets a what-if replay looks at (the database layer implements it).</summary>
public interface IReplaySource
{
    /// <summary>
    /// Tickets raised in [<paramref name="from"/>, <paramref name="to"/>) — of one city, or of all when
    /// <paramref name="cityCode"/> is null — with their clock history, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<ReplayTicket>> TicketsAsync(string? cityCode, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken ct = default);

    /// <summary>A city's tickets not yet resolved or closed whose clocks run or wait (for recomputing their targets), at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Domain.Tickets.Ticket>> OpenTicketsAsync(string cityCode, int limit, CancellationToken ct = default);
}
