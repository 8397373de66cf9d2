using XinchuangFlow.Application.Workflows;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Tickets;

/// <summary>
/// Everything about one ticket for its page (INB-2): the ticket, its history, the open tasks this user may work, its
/// complaints and files, the knowledge its resolution cites (what the caller may read), the flow with its journal, the check-in distance to the unit's county centre, and the rights.
/// <see cref="View"/> says which page shows it (the access service decides); a requester's workspace has no flow, no
/// actions and <see cref="Requester"/> — the ticket in plain words. <see cref="People"/>: everyone who acted on the page
/// (the history's, the technician, the files' uploaders, the tasks' holders), by login, as people read them — read at
/// once; a login absent from it is nobody's (the system, a deleted account).
/// </summary>
public sealed record TicketWorkspace(Ticket Ticket, IReadOnlyList<CaseEvent> History, IReadOnlyList<HumanTask> MyTasks, IReadOnlyList<HumanTask> OpenTasks,
    IReadOnlyList<Complaint> Complaints, IReadOnlyList<AttachmentInfo> Attachments, InstanceDetail? Flow, double? CheckInDistanceKm, WorkspaceRights Rights,
    Access.TicketView View = Access.TicketView.Internal, RequesterTicket? Requester = null, IReadOnlyList<Knowledge.ArticleLine>? Cited = null,
    IReadOnlyDictionary<string, Access.Person>? People = null);
