using XinchuangFlow.Application.Assessment;
using XinchuangFlow.Domain.Exchange;

namespace XinchuangFlow.Application.Exchange;

/// <summary>The tickets an export reads, in the standard's terms (the database layer implements it).</summary>
public interface IExchangeExportSource
{
    /// <summary>
    /// Every ticket created in [from, to) within the scope — the platform's own with their history and complaints, the
    /// reported ones as reported — oldest first, read a page at a time so that a year of the region is never held at once.
    /// </summary>
    IAsyncEnumerable<ExportedTicket> TicketsAsync(KpiScope scope, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default);
}
