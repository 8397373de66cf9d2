namespace XinchuangFlow.Application.Rules;

/// <summary>
/// Problem codes of requests on rule sets beyond the documents' own checks (<see cref="Domain.Rules.RuleProblems"/>):
/// unknown kinds and scopes, trials, replays, calendar files, recomputing. A <c>kind</c> argument is named by its title,
/// a <c>scope</c> by its city (or the region).
/// </summary>
[ProblemCodes]
public static class RuleRequestProblems
{
    /// <summary>Arguments: value (the kind asked for).</summary>
    public const string KindUnknown = "rule-kind-unknown";
    /// <summary>Arguments: value (the scope asked for).</summary>
    public const string ScopeUnknown = "rule-scope-unknown";
    /// <summary>Arguments: kind (a kind the cities keep no overrides of).</summary>
    public const string RegionOnly = "rule-region-only";
    /// <summary>Arguments: kind.</summary>
    public const string RegionMissing = "rule-region-missing";
    /// <summary>Arguments: kind, scope.</summary>
    public const string SetMissing = "rule-set-missing";
    /// <summary>Arguments: kind, scope, version.</summary>
    public const string VersionMissing = "rule-version-missing";
    /// <summary>Arguments: kind, scope (a city without overrides of that kind).</summary>
    public const string NoOverrides = "rule-no-overrides";
    /// <summary>Arguments: field (scope).</summary>
    public const string RegionNotOverrides = "rule-region-not-overrides";
    /// <summary>Arguments: field (countyCode), scope (the region or the city whose county is needed).</summary>
    public const string TrialCounty = "rule-trial-county";
    /// <summary>Arguments: field (kind), kind.</summary>
    public const string NotReplayable = "rule-not-replayable";
    /// <summary>Arguments: field (period).</summary>
    public const string PeriodBothEnds = "replay-period-both-ends";
    /// <summary>Arguments: field (period).</summary>
    public const string PeriodTooLong = "replay-period-too-long";
    /// <summary>Arguments: field (period), max (tickets).</summary>
    public const string TooManyTickets = "replay-too-many-tickets";
    /// <summary>Arguments: field (file), max (kilobytes).</summary>
    public const string CalendarTooLarge = "calendar-file-too-large";
    /// <summary>Arguments: field (file).</summary>
    public const string CalendarNotUtf8 = "calendar-file-not-utf8";
    /// <summary>Arguments: field (file), from, to (years), skipped (timed events left out).</summary>
    public const string CalendarNoDays = "calendar-file-no-days";
    /// <summary>Arguments: field (file); the reader's reason is in the English message.</summary>
    public const string CalendarUnreadable = "calendar-file-unreadable";
    /// <summary>Arguments: field (scope).</summary>
    public const string RecomputeOneCity = "rule-recompute-one-city";
    /// <summary>Arguments: field (comment).</summary>
    public const string RecomputeComment = "rule-recompute-comment";
}
