namespace XinchuangFlow.Application.Mail;

/// <summary>Where processed mail is recorded (the database layer implements it).</summary>
public interface IMailStore
{
    Task<MailRecord?> FindAsync(string key, CancellationToken ct = default);
    Task<MailRecord?> GetAsync(Guid id, CancellationToken ct = default);
    /// <summary>The record with a ticket whose message or answer is one of <paramref name="messageIds"/>.</summary>
    Task<MailRecord?> FindThreadAsync(IReadOnlyList<string> messageIds, IReadOnlyList<Guid> replyIds, CancellationToken ct = default);
    /// <summary>Messages from <paramref name="address"/> since <paramref name="since"/>, by outcome.</summary>
    Task<IReadOnlyDictionary<string, int>> CountFromAsync(string address, DateTimeOffset since, CancellationToken ct = default);
    /// <summary>Stores the record and the answer to its sender in one transaction.</summary>
    Task AddAsync(MailRecord record, Notifications.Delivery? answer, CancellationToken ct = default);
    /// <summary>Closes a triage item (only while it is one) and stores the answer, in one transaction; false when someone was quicker.</summary>
    Task<bool> ResolveAsync(Guid id, string outcome, string? ticketNumber, string? reason, string user, DateTimeOffset at, Notifications.Delivery? answer, CancellationToken ct = default);
    Task<(IReadOnlyList<MailRecord> Items, int Total)> ListAsync(MailScope scope, string? outcome, int skip, int take, CancellationToken ct = default);
}
