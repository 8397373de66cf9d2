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
}
