namespace XinchuangFlow.Kernel;

/// <summary>Input the caller sent is invalid (400): every problem is listed, by field where it has one.</summary>
public sealed class InvalidInputException : XfException
{
    public InvalidInputException(IReadOnlyList<Problem> problems, string code = "invalid")
        : base(ProblemKind.Invalid, code, string.Join("; ", problems.Select(p => p.Field is null ? p.Message : $"{p.Field}: {p.Message}")), problems) { }

    public InvalidInputException(string message) : this([new Problem("invalid", null, message)]) { }

    public InvalidInputException(string field, string message) : this([new Problem("invalid", field, message)]) { }

    public InvalidInputException(IReadOnlyList<string> messages) : this(messages.Select(m => new Problem("invalid", null, m)).ToList()) { }

    public InvalidInputException(IReadOnlyDictionary<string, string[]> errors)
        : this(errors.SelectMany(e => e.Value.Select(m => new Problem("invalid", e.Key.Length == 0 ? null : e.Key, m))).ToList()) { }
}
