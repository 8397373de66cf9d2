namespace XinchuangFlow.Application.Tickets;

/// <summary>
/// Problem codes of working a ticket: the technician's steps, the hotline desk, the ticket actions. A <c>status</c>
/// argument is the ticket's <see cref="Domain.Tickets.TicketStatus"/>, which the edge names.
/// </summary>
[ProblemCodes]
public static class TicketProblems
{
    /// <summary>Arguments: field (position).</summary>
    public const string PositionInvalid = "position-invalid";
    /// <summary>Arguments: number, status.</summary>
    public const string NoCheckIn = "ticket-no-check-in";
    /// <summary>Arguments: number, status.</summary>
    public const string NothingToAccept = "ticket-nothing-to-accept";
    /// <summary>Arguments: number, status.</summary>
    public const string NothingToReturn = "ticket-nothing-to-return";
    /// <summary>Arguments: number, status.</summary>
    public const string CheckInFirst = "ticket-check-in-first";
    /// <summary>Arguments: number, status.</summary>
    public const string NoFeedbackWaiting = "ticket-no-feedback-waiting";
    /// <summary>Arguments: value (the action key).</summary>
    public const string ActionUnknown = "ticket-action-unknown";
    /// <summary>Arguments: number, status (the action is not possible in this state; the English message says why).</summary>
    public const string ActionNotNow = "ticket-action-not-now";
    /// <summary>Arguments: number, status (a closed ticket: record a new request).</summary>
    public const string ClosedNewRequest = "ticket-closed-new-request";
    /// <summary>Arguments: number (its flow has ended: record a new request).</summary>
    public const string FlowEnded = "ticket-flow-ended";
    /// <summary>Arguments: field (channel), value.</summary>
    public const string DeskChannel = "ticket-desk-channel";
    /// <summary>Arguments: field (technicianUser), category (the ticket's product category).</summary>
    public const string TechnicianNotEligible = "technician-not-eligible";
    /// <summary>Arguments: field (technicianUser), user, reason (in Chinese, from the network's check).</summary>
    public const string TechnicianUnfit = "technician-unfit";
    /// <summary>Arguments: field (technicianUser).</summary>
    public const string TechnicianOtherEnterprise = "technician-other-enterprise";
    /// <summary>Arguments: number, grade.</summary>
    public const string GradeUnchanged = "ticket-grade-unchanged";
}
