namespace XinchuangFlow.Kernel;

/// <summary>The problems a check collects before it refuses a request with all of them (<see cref="ThrowIfAny"/>).</summary>
public sealed class ProblemList : List<Problem>
{
    /// <summary>Adds a problem a check found; null (nothing found) adds nothing.</summary>
    public void AddIf(Problem? problem)
    {
        if (problem is not null) Add(problem);
    }

    /// <summary>A problem that has no code of its own: its message is shown as it is.</summary>
    [Obsolete(InvalidInputException.Uncoded)]
    public void Add(string field, string message) => Add(new Problem("invalid", field, message));

    /// <summary>Whether a problem concerns <paramref name="field"/>.</summary>
    public bool Has(string field) => Exists(p => p.Field == field);

    /// <summary>Refuses the request with every problem collected, when there is one.</summary>
    public void ThrowIfAny()
    {
        if (Count > 0) throw new InvalidInputException(this);
    }
}
