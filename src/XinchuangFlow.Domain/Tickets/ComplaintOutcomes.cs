namespace XinchuangFlow.Domain.Tickets;

/// <summary>Stable outcome keys of the complaint flow.</summary>
public static class ComplaintOutcomes
{
    public const string Respond = "respond";
    public const string Approve = "approve";
    public const string ReturnToEnterprise = "return";
    public const string Satisfied = "satisfied";
    public const string Unsatisfied = "unsatisfied";
}
