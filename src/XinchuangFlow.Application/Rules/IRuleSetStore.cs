using XinchuangFlow.Application.Audit;
using XinchuangFlow.Domain.Rules;

namespace XinchuangFlow.Application.Rules;

/// <summary>Where rule sets are kept and edited (the database layer implements it).</summary>
public interface IRuleSetStore
{
    Task<IReadOnlyList<RuleSet>> ListAsync(CancellationToken ct = default);
    /// <summary>The stored row: the regional set, or a city's overrides only.</summary>
    Task<RuleSet?> FindAsync(string kind, string scope, CancellationToken ct = default);
    /// <summary>
    /// Saves a checked document (a city's checked merged onto the regional set); version +1; audited with the comment
    /// in the same transaction; a stale <paramref name="expectedVersion"/> is a concurrency conflict.
    /// </summary>
    Task<RuleSet> SaveAsync(string kind, string scope, string json, string? user, int? expectedVersion, string comment, string action, CancellationToken ct = default);
    /// <summary>Every saved version of a rule set, newest first (from the audit log).</summary>
    Task<IReadOnlyList<AuditEntry>> HistoryAsync(string kind, string scope, CancellationToken ct = default);
    /// <summary>Every saved version of the rule sets of <paramref name="kinds"/>, every scope (from the audit log).</summary>
    Task<IReadOnlyList<RuleVersion>> VersionsAsync(IReadOnlyCollection<string> kinds, CancellationToken ct = default);
}
