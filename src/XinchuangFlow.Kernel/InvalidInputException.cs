namespace XinchuangFlow.Kernel;

/// <summary>Input the caller sent is invalid (400): every problem is listed, by field where it has one.</summary>
public sealed class InvalidInputException : XfException
{
    public const string Uncoded = "Give the problem a code: Problem.Of(code, field, message, args)";

    public InvalidInputException(IReadOnlyList<Problem> problems, string code = "invalid")
        : base(ProblemKind.Invalid, code, string.Join("; ", problems.Select(p => p.Field is null ? p.Message : $"{p.Field}: {p.Message}")), problems) { }

    /// <summary>One problem (<see cref="Problem.Of"/>).</summary>
    public InvalidInputException(Problem problem) : this([problem]) { }

    [Obsolete(Uncoded)]
    public InvalidInputException(string message) : this([new Problem("invalid", null, message)]) { }

    [Obsolete(Uncoded)]
    public InvalidInputException(string field, string message) : this([new Problem("invalid", field, message)]) { }

    [Obsolete(Uncoded)]
    public InvalidInputException(IReadOnlyList<string> messages) : this(messages.Select(m => new Problem("invalid", null, m)).ToList()) { }

    [Obsolete(Uncoded)]
    public InvalidInputException(IReadOnlyDictionary<string, string[]> errors)
        : this(errors.SelectMany(e => e.Value.Select(m => new Problem("invalid", e.Key.Length == 0 ? null : e.Key, m))).ToList()) { }
}
