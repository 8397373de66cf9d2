using XinchuangFlow.Domain.Exchange;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Application.Exchange;

/// <summary>A record already stored for one of the batch's tickets: enough to tell new, changed and unchanged apart.</summary>
public sealed record StoredRecordKey(string ExternalId, int Sequence, DateTimeOffset At, string Hash);

/// <summary>Where reported service data is kept (the database layer implements it).</summary>
public interface IExchangeStore
{
    /// <summary>The procurement units named (exactly) among <paramref name="names"/>, by name.</summary>
    Task<IReadOnlyDictionary<string, Guid>> UnitsAsync(IReadOnlyCollection<string> names, CancellationToken ct = default);

    /// <summary>Every record stored for these tickets of the enterprise.</summary>
    Task<IReadOnlyList<StoredRecordKey>> StoredAsync(Guid enterpriseId, IReadOnlyCollection<string> externalIds, CancellationToken ct = default);

    /// <summary>
    /// In one transaction (the enterprise's batches one at a time): stores the new and changed records (a changed one
    /// replaces the stored one), then makes each touched ticket again from all its records with <paramref name="fold"/>
    /// (a new ticket gets its number), and records the batch. All or nothing.
    /// </summary>
    Task ApplyAsync(Guid enterpriseId, IReadOnlyList<ReportedRecord> records, Action<Ticket, ReportedRecord, IReadOnlyList<ReportedRecord>> fold,
        ExchangeBatch batch, CancellationToken ct = default);

    /// <summary>Records a batch that stored nothing (every record unchanged or refused).</summary>
    Task LogAsync(ExchangeBatch batch, CancellationToken ct = default);

    /// <summary>The enterprise's latest batches, newest first (all enterprises' when null).</summary>
    Task<IReadOnlyList<ExchangeBatch>> BatchesAsync(Guid? enterpriseId, int take, CancellationToken ct = default);
}
