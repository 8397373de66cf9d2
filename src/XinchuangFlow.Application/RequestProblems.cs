namespace XinchuangFlow.Application;

/// <summary>Problem codes of a request's common parameters: paging and periods.</summary>
[ProblemCodes]
public static class RequestProblems
{
    /// <summary>Arguments: field (skip).</summary>
    public const string Skip = "paging-skip";
    /// <summary>Arguments: field (take), max.</summary>
    public const string Take = "paging-take";
    /// <summary>Arguments: field (the period's end, or the period): the period ends before it starts.</summary>
    public const string PeriodOrder = "period-order";
    /// <summary>Arguments: field, value (a task kind that does not exist).</summary>
    public const string TaskKindUnknown = "task-kind-unknown";
    /// <summary>Arguments: field, min, max (a number outside its range).</summary>
    public const string Range = "request-range";
}
