namespace XinchuangFlow.Kernel;

/// <summary>What kind of refusal a request met: decides the HTTP status and how a page shows it.</summary>
public enum ProblemKind
{
    /// <summary>The input is wrong (400); the problems name their fields.</summary>
    Invalid,
    /// <summary>The caller may not do this and may know the thing exists (403).</summary>
    Forbidden,
    /// <summary>The thing does not exist, or the caller may not learn that it does (404).</summary>
    NotFound,
    /// <summary>The request does not fit the current state: someone else was quicker, the step has passed (409).</summary>
    Conflict,
    /// <summary>Well-formed but refused for what it repeats, e.g. an idempotency key reused for another request (422).</summary>
    Unprocessable,
}
