namespace XinchuangFlow.Domain.Tickets;

/// <summary>
/// Stable outcome keys of the shipped service-ticket and complaint flows (ENG-13). Callers complete tasks by these;
/// the display names in the definitions may be renamed in the designer without breaking them.
/// </summary>
public static class TicketOutcomes
{
    public const string Dispatch = "dispatch";
    public const string Accept = "accept";
    public const string Return = "return";
    public const string CheckIn = "checkIn";
    public const string Remote = "remote";
    public const string Resolved = "resolved";
    public const string VendorSupport = "vendorSupport";
    public const string Supported = "supported";
    public const string SubmitFeedback = "submit";
}

/// <summary>Stable outcome keys of the complaint flow.</summary>
public static class ComplaintOutcomes
{
    public const string Respond = "respond";
    public const string Approve = "approve";
    public const string ReturnToEnterprise = "return";
    public const string Satisfied = "satisfied";
    public const string Unsatisfied = "unsatisfied";
}

/// <summary>The definitions the application's use cases own (SEC-5: started only through them).</summary>
public static class CaseFlows
{
    public const string ServiceTicket = "service-ticket";
    public const string Complaint = "complaint";
}
