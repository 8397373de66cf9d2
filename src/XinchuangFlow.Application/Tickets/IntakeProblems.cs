namespace XinchuangFlow.Application.Tickets;

/// <summary>Problem codes of the intake beyond the request's own checks (<see cref="Domain.Tickets.TextProblems"/>).</summary>
[ProblemCodes]
public static class IntakeProblems
{
    /// <summary>Arguments: field.</summary>
    public const string UnitUnknown = "unit-unknown";
    /// <summary>Arguments: field, unit (its name).</summary>
    public const string IntegratorContracted = "integrator-contracted";
    /// <summary>Arguments: field.</summary>
    public const string IntegratorNotYours = "integrator-not-yours";
    /// <summary>Arguments: field.</summary>
    public const string IntegratorUnknown = "integrator-unknown";
}
