namespace XinchuangFlow.Kernel;

/// <summary>
/// A document (a rule set, a definition file) that is not valid is refused with an <see cref="InvalidDataException"/>,
/// which readers of stored documents expect; it carries every problem with its code, field and arguments (in its
/// <see cref="Exception.Data"/>, the type being sealed), so the reader gets them in their language and a form can mark
/// the fields. Its message joins the English messages (logs).
/// </summary>
public static class DocumentProblems
{
    private const string Key = "xf.problems";

    /// <summary>Throws with every problem, when there is one.</summary>
    public static void ThrowIfAny(IReadOnlyList<Problem> problems)
    {
        if (problems.Count > 0) throw Create(problems);
    }

    public static InvalidDataException Create(IReadOnlyList<Problem> problems)
    {
        var ex = new InvalidDataException(string.Join("; ", problems.Select(p => p.Message)));
        ex.Data[Key] = problems;
        return ex;
    }

    /// <summary>The problems of any <see cref="InvalidDataException"/>: those it carries, or "unreadable" with its message (logs, API).</summary>
    public static IReadOnlyList<Problem> Of(Exception ex, string? field = null) =>
        ex.Data[Key] as IReadOnlyList<Problem> ?? [Problem.Of(KernelProblems.DocumentUnreadable, field, ex.Message)];
}
