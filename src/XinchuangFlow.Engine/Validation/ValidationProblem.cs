namespace XinchuangFlow.Engine.Validation;

/// <summary>
/// One problem found in a definition; <see cref="ActivityId"/> names the activity when there is one, <see cref="Args"/>
/// the values a reader's text needs (an input's name, an outcome, a task kind). The message is English for logs and API
/// clients; pages show the code's text in the reader's language.
/// </summary>
public sealed record ValidationProblem(string Code, string? ActivityId, string Message, IReadOnlyDictionary<string, object?>? Args = null)
{
    public override string ToString() => ActivityId is null ? $"[{Code}] {Message}" : $"[{Code}] {ActivityId}: {Message}";
}
