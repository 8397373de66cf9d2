namespace XinchuangFlow.Kernel;

/// <summary>
/// One thing wrong with a request: a stable <paramref name="Code"/> a client or a page can rely on, the
/// <paramref name="Field"/> it concerns (null for the request as a whole), the arguments a translated text needs, and
/// an English message for logs and API clients. The text a person reads is the code's resource in their language with
/// the arguments filled in (<c>ProblemText</c> in the web layer); the message is never shown on a page.
/// </summary>
public sealed record Problem(string Code, string? Field, string Message, IReadOnlyDictionary<string, object?>? Args = null)
{
    /// <summary>A problem with named arguments (<c>("max", 200)</c>); the field, when there is one, is also the argument <c>field</c>.</summary>
    public static Problem Of(string code, string? field, string message, params (string Name, object? Value)[] args)
    {
        var all = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (field is not null) all["field"] = field;
        foreach (var (name, value) in args) all[name] = value;
        return new Problem(code, field, message, all.Count == 0 ? null : all);
    }
}
