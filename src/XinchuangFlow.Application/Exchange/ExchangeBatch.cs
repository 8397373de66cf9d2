namespace XinchuangFlow.Application.Exchange;

/// <summary>A batch an enterprise's platform reported (DAT-2): when, how many records and what became of them.</summary>
public sealed class ExchangeBatch
{
    public Guid Id { get; set; }
    public Guid EnterpriseId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    /// <summary>The platform's user name (its key's prefix).</summary>
    public string? ReportedBy { get; set; }
    public int Records { get; set; }
    public int Stored { get; set; }
    public int Unchanged { get; set; }
    public int Rejected { get; set; }
    /// <summary>The tickets made again from their records.</summary>
    public int Tickets { get; set; }
    public bool Atomic { get; set; }
}
