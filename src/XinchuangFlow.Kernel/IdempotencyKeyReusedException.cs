namespace XinchuangFlow.Kernel;

/// <summary>
/// An idempotency key was used again with a different request (422): the first request stands, nothing is changed.
/// <paramref name="existing"/> says what the key was first used for (English, for logs), <paramref name="number"/> its number.
/// </summary>
public sealed class IdempotencyKeyReusedException(string key, string existing, string number)
    : XfException(ProblemKind.Unprocessable, KernelProblems.IdempotencyKeyReused, Say(key, existing),
        [Problem.Of(KernelProblems.IdempotencyKeyReused, null, Say(key, existing), ("key", key), ("number", number))])
{
    public string Key { get; } = key;
    public string Existing { get; } = existing;

    private static string Say(string key, string existing) =>
        $"The idempotency key '{key}' was already used for a different request ({existing}); use a new key for a new request.";
}
