namespace XinchuangFlow.Domain.Tickets;

/// <summary>A work order or a complaint as its history sees it: which case, of what kind, in which state.</summary>
public interface ICase
{
    Guid Id { get; }
    /// <summary><see cref="CaseKinds.Ticket"/> or <see cref="CaseKinds.Complaint"/>.</summary>
    string CaseKind { get; }
    string Status { get; }
}

/// <summary>A case row that steps change: every write is guarded by the version that was read.</summary>
public interface IVersionedCase : ICase
{
    int Version { get; set; }
    DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The kinds of case a history line belongs to.</summary>
public static class CaseKinds
{
    public const string Ticket = "ticket";
    public const string Complaint = "complaint";
}
