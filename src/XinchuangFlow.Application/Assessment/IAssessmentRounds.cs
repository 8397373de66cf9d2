using XinchuangFlow.Domain.Assessment;

namespace XinchuangFlow.Application.Assessment;

/// <summary>The assessment rounds and results as stored (the database layer implements it). Callers apply the scope.</summary>
public interface IAssessmentRounds
{
    /// <summary>The quarter's round still open (computed, not yet published), if any.</summary>
    Task<AssessmentRound?> OpenRoundAsync(string quarter, CancellationToken ct = default);
    /// <summary>The quarter's highest revision so far (0 when never computed).</summary>
    Task<int> LastRevisionAsync(string quarter, CancellationToken ct = default);
    Task<AssessmentRound?> FindRoundAsync(Guid id, CancellationToken ct = default);
    Task<AssessmentRound?> RoundOfInstanceAsync(Guid instanceId, CancellationToken ct = default);
    /// <summary>Rounds newest quarter first, then newest revision; only published and superseded ones when <paramref name="publishedOnly"/>.</summary>
    Task<IReadOnlyList<AssessmentRound>> RoundsAsync(bool publishedOnly, CancellationToken ct = default);
    /// <summary>A round's results, by enterprise name; one enterprise's when <paramref name="enterpriseId"/> is given.</summary>
    Task<IReadOnlyList<AssessmentResult>> ResultsAsync(Guid roundId, Guid? enterpriseId, CancellationToken ct = default);
    Task<AssessmentResult?> FindResultAsync(Guid id, CancellationToken ct = default);
    Task<AssessmentResult?> ResultOfInstanceAsync(Guid instanceId, CancellationToken ct = default);
    /// <summary>An enterprise's results in published rounds (those in force), newest quarter first.</summary>
    Task<IReadOnlyList<AssessmentResult>> PublishedResultsOfAsync(Guid enterpriseId, int take, CancellationToken ct = default);
    /// <summary>The quarter's published round (the one in force), if any.</summary>
    Task<AssessmentRound?> PublishedRoundAsync(string quarter, CancellationToken ct = default);
}
