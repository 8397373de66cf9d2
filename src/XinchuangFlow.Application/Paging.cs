namespace XinchuangFlow.Application;

/// <summary>Paging parameters the API refuses rather than silently clamps.</summary>
public static class Paging
{
    public const int MaxTake = 200;

    /// <summary>Checks skip and take; throws <see cref="InvalidInputException"/> naming the bad one.</summary>
    public static (int Skip, int Take) Check(int? skip, int? take, int defaultTake = 50)
    {
        var errors = new ProblemList();
        if (skip is < 0) errors.Add(Problem.Of(RequestProblems.Skip, "skip", "skip must be 0 or more."));
        if (take is < 1 or > MaxTake) errors.Add(Problem.Of(RequestProblems.Take, "take", $"take must be between 1 and {MaxTake}.", ("max", MaxTake)));
        errors.ThrowIfAny();
        return (skip ?? 0, take ?? defaultTake);
    }
}
