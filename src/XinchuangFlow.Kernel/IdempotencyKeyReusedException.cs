namespace XinchuangFlow.Kernel;

/// <summary>An idempotency key was used again with a different request (422): the first request stands, nothing is changed.</summary>
public sealed class IdempotencyKeyReusedException(string key, string existing)
    : XfException(ProblemKind.Unprocessable, "idempotency-key-reused",
        $"The idempotency key '{key}' was already used for a different request ({existing}); use a new key for a new request.")
{
    public string Key { get; } = key;
    public string Existing { get; } = existing;
}
