namespace XinchuangFlow.Kernel;

/// <summary>
/// One thing wrong with a request: a stable <paramref name="Code"/> a client or a page can rely on, the
/// <paramref name="Field"/> it concerns (null for the request as a whole), the arguments a translated text needs, and
/// an English message for logs and API clients.
/// </summary>
public sealed record Problem(string Code, string? Field, string Message, IReadOnlyDictionary<string, object?>? Args = null);
