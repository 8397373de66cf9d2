namespace XinchuangFlow.Domain.Tickets;

/// <summary>The kinds of case a history line belongs to.</summary>
public static class CaseKinds
{
    public const string Ticket = "ticket";
    public const string Complaint = "complaint";
    public const string Knowledge = "knowledge";
    /// <summary>An enterprise's result in a quarter's assessment round (ASM-2): drafted, contested, decided, published.</summary>
    public const string Assessment = "assessment";
    /// <summary>A supervision notice (督办, ASM-7): issued to an enterprise, answered, escalated when late.</summary>
    public const string Supervision = "supervision";
}
