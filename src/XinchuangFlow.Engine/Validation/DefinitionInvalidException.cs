namespace XinchuangFlow.Engine.Validation;

/// <summary>The definition has problems; all of them are listed.</summary>
public sealed class DefinitionInvalidException(IReadOnlyList<ValidationProblem> problems)
    : XfException(ProblemKind.Invalid, "definition-invalid", "The workflow definition is invalid: " + string.Join("; ", problems),
        problems.Select(p => new Problem(p.Code, null, p.Message, p.ActivityId is null ? null : new Dictionary<string, object?> { ["activityId"] = p.ActivityId })).ToList())
{
    /// <summary>The validator's findings, each on its activity (the designer marks them on the canvas).</summary>
    public IReadOnlyList<ValidationProblem> Findings { get; } = problems;
}
