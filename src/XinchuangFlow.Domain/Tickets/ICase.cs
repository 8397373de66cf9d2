namespace XinchuangFlow.Domain.Tickets;

/// <summary>A work order or a complaint as its history sees it: which case, of what kind, in which state.</summary>
public interface ICase
{
    Guid Id { get; }
    /// <summary><see cref="CaseKinds.Ticket"/> or <see cref="CaseKinds.Complaint"/>.</summary>
    string CaseKind { get; }
    string Status { get; }
}
