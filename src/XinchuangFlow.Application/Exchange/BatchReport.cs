namespace XinchuangFlow.Application.Exchange;

/// <summary>A refused record: its place in the batch, which ticket and event it was, and why.</summary>
public sealed record RejectedRecord(int Index, string? ExternalId, int? Sequence, IReadOnlyList<Problem> Problems);

/// <summary>
/// What became of a reported batch: every record is stored (new or changed), unchanged (reported before exactly so)
/// or rejected (listed with its reasons). <see cref="Applied"/> is false when an atomic batch stored nothing.
/// </summary>
public sealed record BatchReport(Guid BatchId, int Received, int Stored, int Unchanged, int Rejected, int Tickets, bool Applied,
    IReadOnlyList<RejectedRecord> Rejections);
