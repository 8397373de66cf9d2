using XinchuangFlow.Application.Tasks;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Access;

/// <summary>
/// The read side of cases the application needs, implemented by the database layer. Every query that lists or finds
/// something a user asked for takes the <see cref="CaseScope"/> so that out-of-scope rows are never read.
/// </summary>
public interface ICaseDirectory
{
    Task<(IReadOnlyList<Ticket> Items, int Total)> ListTicketsAsync(TicketFilter filter, int skip, int take, CaseScope scope, CancellationToken ct = default);
    Task<Ticket?> FindTicketAsync(string idOrNumber, CaseScope scope, CancellationToken ct = default);
    /// <summary>
    /// The tickets among <paramref name="ids"/> that are in scope, read for a list of similar tickets: number, title,
    /// resolution, resolution time and the fields a <see cref="CaseScope"/> weighs — not their clocks, dispatch
    /// explanation or contacts (a ticket's row is ≈ 8 KB with those; measured, reading them whole was 3 % of an intake).
    /// </summary>
    Task<IReadOnlyList<Ticket>> FindTicketSummariesAsync(IReadOnlyCollection<Guid> ids, CaseScope scope, CancellationToken ct = default);
    Task<Ticket?> FindTicketByKeyAsync(string? user, string key, CancellationToken ct = default);
    Task<Complaint?> FindComplaintAsync(Guid id, CaseScope scope, CancellationToken ct = default);
    /// <summary>A complaint by its number (TS-…), when it is in scope.</summary>
    Task<Complaint?> FindComplaintByNumberAsync(string number, CaseScope scope, CancellationToken ct = default);
    Task<Complaint?> FindComplaintByKeyAsync(string? user, string key, CancellationToken ct = default);
    Task<IReadOnlyList<Complaint>> ComplaintsOfTicketAsync(Guid ticketId, CancellationToken ct = default);
    /// <summary>Open complaints whose current step is past its deadline and not yet reminded of, oldest deadline first.</summary>
    Task<IReadOnlyList<Complaint>> OverdueComplaintsAsync(DateTimeOffset now, int take, CancellationToken ct = default);
    /// <summary>Complaints in scope, newest first (a unit's own, on a ticket or on their own).</summary>
    Task<IReadOnlyList<Complaint>> ListComplaintsAsync(CaseScope scope, int take, CancellationToken ct = default);
    Task<IReadOnlyList<CaseEvent>> HistoryAsync(Guid caseId, CancellationToken ct = default);
    Task<ProcurementUnit?> FindUnitAsync(Guid id, CancellationToken ct = default);

    /// <summary>
    /// Units whose name contains <paramref name="text"/>, or that filed a ticket from the phone number <paramref name="phone"/>
    /// (digits as stored), with their open tickets; only those contracted with <paramref name="integratorId"/> when given.
    /// </summary>
    Task<IReadOnlyList<(ProcurementUnit Unit, int OpenTickets)>> SearchUnitsAsync(string text, string? phone, Guid? integratorId, int take, CancellationToken ct = default);

    /// <summary>A unit's tickets in scope, open ones first, newest first.</summary>
    Task<IReadOnlyList<Ticket>> TicketsOfUnitAsync(Guid unitId, CaseScope scope, int take, CancellationToken ct = default);
    Task<bool> IntegratorExistsAsync(Guid id, CancellationToken ct = default);

    /// <summary>Whether the instance (or the instance it is a sub-workflow of) is a ticket's or complaint's flow, and whether that case is in scope.</summary>
    Task<CaseMembership> MembershipAsync(Guid instanceId, CaseScope scope, CancellationToken ct = default);

    /// <summary>
    /// Tasks a user may see: assigned to them, or offered to one of their roles on an instance whose case is in their
    /// scope (or that has no case). <paramref name="everything"/> lifts both conditions (Data Bureau).
    /// </summary>
    Task<(IReadOnlyList<HumanTask> Items, int Total)> ListTasksAsync(TaskFilter filter, int skip, int take, string? user, IReadOnlyCollection<string> roles,
        CaseScope scope, bool everything, CancellationToken ct = default);

    /// <summary>One page of an inbox view for <paramref name="who"/>, soonest deadline first.</summary>
    Task<(IReadOnlyList<InboxRow> Items, int Total)> ListInboxAsync(InboxQuery query, int skip, int take, InboxAudience who, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>
    /// Every open task of <paramref name="who"/>'s widest view (All), marked with the views it is also in (in no
    /// particular order); only those of <paramref name="instances"/> when given.
    /// </summary>
    Task<IReadOnlyList<InboxMark>> InboxMarksAsync(InboxAudience who, IReadOnlyCollection<Guid>? instances, CancellationToken ct = default);

    /// <summary>The inbox rows of these open tasks (in no particular order; a task no longer open is left out).</summary>
    Task<IReadOnlyList<InboxRow>> InboxRowsAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken ct = default);

    /// <summary>How many open tasks <paramref name="who"/> may work (their own, their role's) fall due between <paramref name="now"/> and <paramref name="until"/>.</summary>
    Task<int> CountInboxDueAsync(InboxAudience who, DateTimeOffset now, DateTimeOffset until, CancellationToken ct = default);

    /// <summary>
    /// Per city with cases in scope: open tickets, those whose running clock is past its deadline, those due within
    /// <paramref name="soon"/>, open tickets that breached a target, open complaints and complaints in the coordinator's review.
    /// </summary>
    Task<IReadOnlyList<Home.CaseFigures>> CaseFiguresAsync(CaseScope scope, DateTimeOffset now, TimeSpan soon, CancellationToken ct = default);

    /// <summary>A technician's tickets still to be worked (not resolved or closed), the on-site deadline first.</summary>
    Task<IReadOnlyList<Ticket>> TechnicianQueueAsync(string technicianUser, int take, CancellationToken ct = default);

    /// <summary>The ticket or complaint whose flow the instance is (null for a flow without a case).</summary>
    Task<CaseRef?> CaseOfInstanceAsync(Guid instanceId, CancellationToken ct = default);

    /// <summary>Instances a user may list: all for <paramref name="everything"/>, else those they started or whose case is in scope.</summary>
    Task<(IReadOnlyList<InstanceSummary> Items, int Total)> ListInstancesAsync(InstanceFilter filter, int skip, int take, string? user, CaseScope scope, bool everything, CancellationToken ct = default);
}
