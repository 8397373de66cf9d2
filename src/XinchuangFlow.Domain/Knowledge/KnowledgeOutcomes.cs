namespace XinchuangFlow.Domain.Knowledge;

/// <summary>The outcome keys of the review flow's tasks, as pages and the API send them.</summary>
public static class KnowledgeOutcomes
{
    public const string Approve = "approve";
    public const string Return = "return";
    public const string Resubmit = "resubmit";
    public const string Withdraw = "withdraw";
}
