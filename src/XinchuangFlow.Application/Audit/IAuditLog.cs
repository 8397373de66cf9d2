namespace XinchuangFlow.Application.Audit;

/// <summary>Where audit lines are kept (the database layer implements it).</summary>
public interface IAuditLog
{
    Task RecordAsync(AuditEntry entry, CancellationToken ct = default);
    /// <summary>The lines of one thing, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(string entityKind, string entityId, int take = 200, CancellationToken ct = default);
    /// <summary>The newest line of each thing of a kind (last editor and time in lists).</summary>
    Task<IReadOnlyDictionary<string, AuditEntry>> LatestAsync(string entityKind, CancellationToken ct = default);
    /// <summary>Lines matching <paramref name="query"/>, newest first.</summary>
    Task<(IReadOnlyList<AuditEntry> Items, int Total)> SearchAsync(AuditQuery query, int skip, int take, CancellationToken ct = default);
    /// <summary>Links the lines not yet sealed into the SM3 chain, oldest first; returns how many.</summary>
    Task<int> SealAsync(int max, CancellationToken ct = default);
    /// <summary>Recomputes the chain from its first line and reports the first line whose content or link does not match.</summary>
    Task<AuditVerification> VerifyAsync(CancellationToken ct = default);
}
