namespace XinchuangFlow.Application;

/// <summary>A request that cannot be accepted (400); every problem names its field.</summary>
public sealed class CaseValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The request is not valid: " + string.Join(" ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))))
{
    public CaseValidationException(string field, string message) : this(new Dictionary<string, string[]> { [field] = [message] }) { }
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>The caller may not do this, and may know that the thing exists (403).</summary>
public sealed class AccessDeniedException(string message) : Exception(message);

/// <summary>An idempotency key was used again with a different request (422): the first request stands, nothing is changed.</summary>
public sealed class IdempotencyKeyReusedException(string key, string existing)
    : Exception($"The idempotency key '{key}' was already used for a different request ({existing}); use a new key for a new request.")
{
    public string Key { get; } = key;
    public string Existing { get; } = existing;
}

/// <summary>Paging parameters the API refuses rather than silently clamps.</summary>
public static class Paging
{
    public const int MaxTake = 200;

    /// <summary>Checks skip and take; throws <see cref="CaseValidationException"/> naming the bad one.</summary>
    public static (int Skip, int Take) Check(int? skip, int? take, int defaultTake = 50)
    {
        var errors = new Dictionary<string, string[]>();
        if (skip is < 0) errors["skip"] = ["skip must be 0 or more."];
        if (take is < 1 or > MaxTake) errors["take"] = [$"take must be between 1 and {MaxTake}."];
        if (errors.Count > 0) throw new CaseValidationException(errors);
        return (skip ?? 0, take ?? defaultTake);
    }
}
