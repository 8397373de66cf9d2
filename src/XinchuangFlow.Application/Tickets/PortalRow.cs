using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Application.Tickets;

/// <summary>
/// One of the unit's requests in plain words: its state as the unit should read it, the promise, who comes and how to
/// reach them, and whether the unit's rating is what the flow waits for now.
/// </summary>
public sealed record PortalRow(Ticket Ticket, TicketStatus Status, OnSitePromise Promise, bool AwaitsMyFeedback);

/// <summary>One of the unit's complaints, and whether the flow waits for this user to confirm its outcome.</summary>
public sealed record PortalComplaint(Complaint Complaint, bool AwaitsMyConfirmation);
