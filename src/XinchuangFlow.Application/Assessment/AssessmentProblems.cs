namespace XinchuangFlow.Application.Assessment;

/// <summary>Problem codes of the indicator reports and the assessment.</summary>
[ProblemCodes]
public static class AssessmentProblems
{
    /// <summary>Arguments: field (quarter), value (not of the form 2026Q3).</summary>
    public const string BadQuarter = "assessment-bad-quarter";
    /// <summary>Arguments: field (period), max (days).</summary>
    public const string PeriodTooLong = "assessment-period-too-long";
    /// <summary>Arguments: field (period): give a quarter or both ends of a period.</summary>
    public const string PeriodMissing = "assessment-period-missing";
    /// <summary>Arguments: field (period), min, max (years): a period lies within these years.</summary>
    public const string PeriodYears = "assessment-period-years";
    /// <summary>Arguments: field (reason): an objection needs its reason.</summary>
    public const string ObjectionReason = "assessment-objection-reason";
    /// <summary>Arguments: field (reason): a ruling needs its reason.</summary>
    public const string RulingReason = "assessment-ruling-reason";
    /// <summary>Arguments: field (grade): an adjustment names the grade.</summary>
    public const string RulingGrade = "assessment-ruling-grade";
    /// <summary>Arguments: quarter, revision: the quarter's round is still open (objections pending).</summary>
    public const string RoundOpen = "assessment-round-open";
    /// <summary>Arguments: quarter: the quarter has not ended yet.</summary>
    public const string QuarterRunning = "assessment-quarter-running";
    /// <summary>Arguments: field (reason), quarter: a quarter published already is computed again only with a reason.</summary>
    public const string RevisionReason = "assessment-revision-reason";
}
