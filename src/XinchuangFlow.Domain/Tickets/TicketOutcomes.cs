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
    /// <summary>The follow-up call was made (reached or not: the form says).</summary>
    public const string FollowedUp = "called";
}
