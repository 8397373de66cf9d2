namespace XinchuangFlow.Kernel;

/// <summary>Problem codes of the refusals the kernel itself makes.</summary>
[ProblemCodes]
public static class KernelProblems
{
    /// <summary>Arguments: field (when there is one): a document that could not be read, without problems of its own (the reason is in the English message).</summary>
    public const string DocumentUnreadable = "document-unreadable";
    /// <summary>Arguments: key, number (of the ticket or complaint the key was first used for).</summary>
    public const string IdempotencyKeyReused = "idempotency-key-reused";
}
