using XinchuangFlow.Domain.Dispatch;

namespace XinchuangFlow.Application.Tickets;

/// <summary>
/// Who a dispatcher may choose for a ticket (DSP-2, DSP-3): the planner's rule (why it chose, or why nobody), the qualified
/// technicians in its order — the first is the one automatic dispatch would choose — and the nearest disqualified ones
/// with the reason, each saying whether a dispatcher may still assign them by hand. Totals count every
/// one the caller may see; the lists are cut at <see cref="DispatchCandidateService.MaxQualified"/> and
/// <see cref="DispatchCandidateService.MaxDisqualified"/>.
/// </summary>
public sealed record DispatchCandidates(
    string TicketNumber,
    string RuleZh,
    string RuleEn,
    string? CurrentTechnicianUser,
    IReadOnlyList<QualifiedTechnician> Qualified,
    int QualifiedTotal,
    IReadOnlyList<DisqualifiedTechnician> Disqualified,
    int DisqualifiedTotal);

/// <summary>
/// A technician who may take the ticket: rank (1 = the planner's choice), where they work (<paramref name="OtherCity"/>:
/// the service point's city when it is not the ticket's) and how busy they are.
/// </summary>
public sealed record QualifiedTechnician(
    int Rank,
    string UserName,
    string Name,
    string ServicePoint,
    Proximity Proximity,
    string? OtherCity,
    double DistanceKm,
    int OpenWork,
    bool PreferredServicePoint,
    bool FallbackCity);

/// <summary>
/// A technician the planner would not choose, with its reason (a code and its text in both languages).
/// <paramref name="MayStillBeAssigned"/>: the manual step would still accept them (a level below the grade's, a service
/// point the city's rules exclude), so a dispatcher may choose them knowingly; otherwise (no valid certificate, inactive,
/// an enterprise off the shortlist) they cannot take the ticket.
/// </summary>
/// <paramref name="ServicePoint"/> is where they work (told apart from a namesake by it, not by their login).
public sealed record DisqualifiedTechnician(string UserName, string Name, string Code, string ReasonZh, string ReasonEn, bool MayStillBeAssigned, string? ServicePoint = null);
