namespace XinchuangFlow.Kernel;

/// <summary>
/// The one family of refusals: every error a request can end in — from the engine, the domain's checks or a use case —
/// is one of these, with a kind (the HTTP status), a stable code and its problems. The API turns it into a problem
/// response in one place, pages into a message in one place; neither lists exception types.
/// </summary>
public abstract class XfException : Exception
{
    protected XfException(ProblemKind kind, string code, string message, IReadOnlyList<Problem>? problems = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        Code = code;
        Problems = problems ?? [new Problem(code, null, message)];
    }

    public ProblemKind Kind { get; }
    /// <summary>A stable key for clients (<c>not-found</c>, <c>invalid</c>, <c>claimed</c> …).</summary>
    public string Code { get; }
    public IReadOnlyList<Problem> Problems { get; }

    /// <summary>The problems' messages by field; problems of the request as a whole are under "".</summary>
    public IReadOnlyDictionary<string, string[]> Errors =>
        Problems.GroupBy(p => p.Field ?? "").ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());

    /// <summary>Every message, in order (for a line of text).</summary>
    public IEnumerable<string> Messages => Problems.Select(p => p.Message);
}
