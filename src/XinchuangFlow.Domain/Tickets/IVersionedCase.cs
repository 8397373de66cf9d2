namespace XinchuangFlow.Domain.Tickets;

/// <summary>A case row that steps change: every write is guarded by the version that was read.</summary>
public interface IVersionedCase : ICase
{
    int Version { get; set; }
    DateTimeOffset UpdatedAt { get; set; }
}
