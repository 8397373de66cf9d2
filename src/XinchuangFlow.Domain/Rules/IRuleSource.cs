namespace XinchuangFlow.Domain.Rules;

/// <summary>Where rule sets are stored (the database).</summary>
public interface IRuleSource
{
    /// <summary>The effective rule set for a city: the regional default with the city's overrides merged in (<see cref="RuleOverrides"/>).</summary>
    Task<RuleSet> GetAsync(string kind, string? cityCode, CancellationToken ct = default);
}
