namespace XinchuangFlow.Domain.Rules;

/// <summary>
/// Problem codes of rule documents (RUL-1, RUL-2). The field is the concrete path of the value (<c>onSite.sameCity</c>,
/// <c>response.P1</c>), which the editors mark and the texts name by the label the page gives it; durations are
/// arguments of type <see cref="TimeSpan"/> (read "4 小时"), never ISO text.
/// </summary>
[ProblemCodes]
public static class RuleProblems
{
    /// <summary>Arguments: field.</summary>
    public const string DurationMissing = "rule-duration-missing";
    /// <summary>Arguments: field, min.</summary>
    public const string DurationTooShort = "rule-duration-too-short";
    /// <summary>Arguments: field, value, max.</summary>
    public const string DurationTooLong = "rule-duration-too-long";
    /// <summary>Arguments: field, value (the text that is no duration).</summary>
    public const string DurationFormat = "rule-duration-format";
    /// <summary>Arguments: field, value, min (the Data Bureau's lowest).</summary>
    public const string BelowLimit = "rule-below-limit";
    /// <summary>Arguments: field, value, max (the Data Bureau's highest).</summary>
    public const string AboveLimit = "rule-above-limit";
    /// <summary>Arguments: field (a limit that is no {min, max} or whose bound is neither a duration nor a number).</summary>
    public const string LimitInvalid = "rule-limit-invalid";
    /// <summary>Arguments: field.</summary>
    public const string LimitMinAboveMax = "rule-limit-min-above-max";
    /// <summary>No arguments: the document is not JSON of the kind's shape.</summary>
    public const string NotJson = "rule-not-json";
    /// <summary>No arguments.</summary>
    public const string Empty = "rule-empty";
    /// <summary>Arguments: field, value (a grade key that is not P1–P4).</summary>
    public const string GradeUnknown = "rule-grade-unknown";
    /// <summary>Arguments: field, calendar.</summary>
    public const string CalendarUndefined = "rule-calendar-undefined";
    /// <summary>Arguments: field, calendar, value (a window or day that cannot be read).</summary>
    public const string CalendarInvalid = "rule-calendar-invalid";
    /// <summary>Arguments: field, calendar, count, max.</summary>
    public const string CalendarTooManyDates = "rule-calendar-too-many-dates";
    /// <summary>Arguments: field, calendar, date, from, to (years).</summary>
    public const string CalendarDateOutOfRange = "rule-calendar-date-out-of-range";
    /// <summary>Arguments: field, calendar, count, max.</summary>
    public const string CalendarTooManyWindows = "rule-calendar-too-many-windows";
    /// <summary>Arguments: calendar, date, grade, clock (the shortest clock that gets no deadline within a year).</summary>
    public const string CalendarNeverOpen = "rule-calendar-never-open";
    /// <summary>Arguments: calendar, date, grade, clock, more (how many other clocks too).</summary>
    public const string CalendarOpensTooLittle = "rule-calendar-opens-too-little";
    /// <summary>Arguments: calendar, date, grade, clock.</summary>
    public const string CalendarClosedTooLong = "rule-calendar-closed-too-long";
    /// <summary>No arguments.</summary>
    public const string NoLevels = "rule-no-levels";
    /// <summary>Arguments: field, percent.</summary>
    public const string PercentRange = "rule-percent-range";
    /// <summary>Arguments: field, percent.</summary>
    public const string PercentTwice = "rule-percent-twice";
    /// <summary>Arguments: field, percent.</summary>
    public const string LevelTellsNobody = "rule-level-tells-nobody";
    /// <summary>Arguments: field, percent.</summary>
    public const string LevelEmptyRecipient = "rule-level-empty-recipient";
    /// <summary>Arguments: field, percent, value.</summary>
    public const string LevelBadUser = "rule-level-bad-user";
    /// <summary>Arguments: field, percent, value.</summary>
    public const string LevelBadChannel = "rule-level-bad-channel";
    /// <summary>Arguments: field, grade.</summary>
    public const string RequiredLevelMissing = "rule-required-level-missing";
    /// <summary>Arguments: field, grade, value.</summary>
    public const string RequiredLevelRange = "rule-required-level-range";
    /// <summary>Arguments: field.</summary>
    public const string PointPreferredAndExcluded = "rule-point-preferred-and-excluded";
    /// <summary>Arguments: field, county (a code that is not a Guangxi county).</summary>
    public const string FallbackNotCounty = "rule-fallback-not-county";
    /// <summary>Arguments: field, county, city (a code that is not a Guangxi city).</summary>
    public const string FallbackNotCity = "rule-fallback-not-city";
    /// <summary>Arguments: field, county, city.</summary>
    public const string FallbackOwnCity = "rule-fallback-own-city";
    /// <summary>No arguments.</summary>
    public const string GradingNoRows = "rule-grading-no-rows";
    /// <summary>Arguments: field, row (its position, from 1).</summary>
    public const string GradingRowNoId = "rule-grading-row-no-id";
    /// <summary>Arguments: field, row, value.</summary>
    public const string GradingRowGrade = "rule-grading-row-grade";
    /// <summary>Arguments: field, row, value.</summary>
    public const string GradingRowImpact = "rule-grading-row-impact";
    /// <summary>Arguments: value (the row id used twice).</summary>
    public const string GradingRowTwice = "rule-grading-row-twice";
    /// <summary>No arguments.</summary>
    public const string GradingNoCatchAll = "rule-grading-no-catch-all";
    /// <summary>Arguments: field (comment).</summary>
    public const string CommentRequired = "rule-comment-required";
    /// <summary>Arguments: city (the document's scope), scope (where it is saved).</summary>
    public const string ScopeMismatch = "rule-scope-mismatch";
    /// <summary>Arguments: value (the document's table), kind.</summary>
    public const string TableMismatch = "rule-table-mismatch";
    /// <summary>Arguments: field, value (a login no account has).</summary>
    public const string UnknownUser = "rule-unknown-user";
    /// <summary>Arguments: field (a service point the network does not hold).</summary>
    public const string UnknownServicePoint = "rule-unknown-service-point";
    /// <summary>Arguments: city (whose rules would no longer hold with the proposed regional ones; its problems follow).</summary>
    public const string CityWouldBreak = "rule-city-would-break";
    /// <summary>Arguments: version (an old version a roll back would restore no longer fits the regional rules; its problems follow).</summary>
    public const string VersionNoLongerFits = "rule-version-no-longer-fits";
    /// <summary>Arguments: city, scope, version (the SLA rules in force cannot give every ticket a deadline; their problems follow).</summary>
    public const string RecomputeRulesBroken = "rule-recompute-rules-broken";
}
