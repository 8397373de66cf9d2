using Microsoft.EntityFrameworkCore;
using System.Linq.Expressions;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Tasks;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Infrastructure.Tickets;

/// <summary>The application's read side of cases on EF Core: every user-facing query applies the caller's scope in SQL.</summary>
public sealed class EfCaseDirectory(IDbContextFactory<XfDbContext> factory) : ICaseDirectory, XinchuangFlow.Application.Tasks.ITaskChangeSource
{
    public async Task<(IReadOnlyList<Ticket> Items, int Total)> ListTicketsAsync(TicketFilter filter, int skip, int take, CaseScope scope, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = scope.Apply(db.Tickets.AsNoTracking());
        if (filter.Status is { Length: > 0 } code)
        {
            // A status that does not exist matches nothing (the list is a search, not a command).
            if (!TicketStatus.TryParse(code, out var s)) return ([], 0);
            q = q.Where(t => t.Status == s);
        }
        if (filter.City is { Length: > 0 } c) q = q.Where(t => t.CityCode == c);
        if (filter.Grade is { Length: > 0 } gradeText)
        {
            if (!Grade.TryParse(gradeText, out var g)) return ([], 0);
            q = q.Where(t => t.Grade == g);
        }
        if (filter.Breached is { } b) q = q.Where(t => t.Breached == b);
        if (filter.Search is { Length: > 0 } text) q = q.Where(t => t.Number.Contains(text) || t.Title.Contains(text) || t.ProcurementUnit.Contains(text));
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Skip(skip).Take(take).ToListAsync(ct);
        return (items, total);
    }

    public async Task<Ticket?> FindTicketAsync(string idOrNumber, CaseScope scope, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = scope.Apply(db.Tickets.AsNoTracking());
        return Guid.TryParse(idOrNumber, out var id) ? await q.FirstOrDefaultAsync(t => t.Id == id, ct) : await q.FirstOrDefaultAsync(t => t.Number == idOrNumber, ct);
    }

    public async Task<IReadOnlyList<Ticket>> FindTicketSummariesAsync(IReadOnlyCollection<Guid> ids, CaseScope scope, CancellationToken ct = default)
    {
        if (ids.Count == 0) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        return await scope.Apply(db.Tickets.AsNoTracking()).Where(t => ids.Contains(t.Id))
            .Select(t => new Ticket
            {
                Id = t.Id, Number = t.Number, Title = t.Title, Status = t.Status, Resolution = t.Resolution, ResolvedAt = t.ResolvedAt,
                CreatedBy = t.CreatedBy, ProcurementUnitId = t.ProcurementUnitId, CityCode = t.CityCode, CountyCode = t.CountyCode,
                IntegratorId = t.IntegratorId, VendorId = t.VendorId, TechnicianUser = t.TechnicianUser,
            })
            .ToListAsync(ct);
    }

    public async Task<Ticket?> FindTicketByKeyAsync(string? user, string key, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.CreatedBy == user && t.RequestKey == key, ct);
    }

    public async Task<Complaint?> FindComplaintAsync(Guid id, CaseScope scope, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await scope.Apply(db.Complaints.AsNoTracking()).FirstOrDefaultAsync(c => c.Id == id, ct);
    }

    public async Task<Complaint?> FindComplaintByNumberAsync(string number, CaseScope scope, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await scope.Apply(db.Complaints.AsNoTracking()).FirstOrDefaultAsync(c => c.Number == number, ct);
    }

    public async Task<Complaint?> FindComplaintByKeyAsync(string? user, string key, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Complaints.AsNoTracking().FirstOrDefaultAsync(c => c.CreatedBy == user && c.RequestKey == key, ct);
    }

    public async Task<IReadOnlyList<Complaint>> OverdueComplaintsAsync(DateTimeOffset now, int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Complaints.AsNoTracking()
            .Where(c => c.Status != ComplaintStatus.Closed && c.StepDueAt != null && c.StepDueAt < now && (c.RemindedFor == null || c.RemindedFor != c.StepDueAt))
            .OrderBy(c => c.StepDueAt).Take(take).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Complaint>> ListComplaintsAsync(CaseScope scope, int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await scope.Apply(db.Complaints.AsNoTracking()).OrderByDescending(c => c.CreatedAt).Take(take).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Complaint>> ComplaintsOfTicketAsync(Guid ticketId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Complaints.AsNoTracking().Where(c => c.TicketId == ticketId).OrderBy(c => c.CreatedAt).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<CaseEvent>> HistoryAsync(Guid caseId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var events = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.Sequence).ToListAsync(ct);
        if (events.Count > 0) return events;
        // A ticket reported by an enterprise's own platform (DAT-2) has no flow here: its history is what was reported,
        // in the enterprise's order, each line a "reported-…" kind.
        var reported = await (from t in db.Tickets.AsNoTracking()
                              where t.Id == caseId && t.ReportedBy != null
                              join r in db.ReportedRecords.AsNoTracking() on new { E = t.ReportedBy!.Value, X = t.ExternalId! } equals new { E = r.EnterpriseId, X = r.ExternalId }
                              orderby r.Sequence
                              select r).ToListAsync(ct);
        if (reported.Count == 0) return [];
        // Each line was done by the enterprise's own desk: named so (the history shows "reported:" lines as the enterprise's).
        var enterprise = await db.Enterprises.AsNoTracking().Where(e => e.Id == reported[0].EnterpriseId).Select(e => e.Name).FirstOrDefaultAsync(ct);
        return reported.Select(r => ReportedLine(caseId, r, enterprise)).ToList();
    }

    /// <summary>The user of a history line reported by an enterprise's own platform: <c>reported:</c> and the enterprise's name.</summary>
    public const string ReportedUserPrefix = "reported:";

    private static CaseEvent ReportedLine(Guid caseId, XinchuangFlow.Domain.Exchange.ReportedRecord r, string? enterprise)
    {
        string? note = null;
        var kind = r.Kind;
        if (r.Sequence > 0)
        {
            var e = XinchuangFlow.Domain.Exchange.ReportedTicketFold.Event(r);
            note = e.Kind switch
            {
                XinchuangFlow.Domain.Exchange.ExchangeKinds.Dispatched => e.Technician,
                XinchuangFlow.Domain.Exchange.ExchangeKinds.Resolved => e.Resolution,
                _ => e.Comment,
            };
            if (e.Kind == XinchuangFlow.Domain.Exchange.ExchangeKinds.Paused) kind = $"{e.Kind}-{e.Reason}";
        }
        return new CaseEvent
        {
            Sequence = r.Sequence, CaseId = caseId, CaseKind = "ticket", At = r.At, Kind = "reported-" + kind, Note = note,
            User = enterprise is null ? null : ReportedUserPrefix + enterprise,
        };
    }

    public async Task<IReadOnlyList<(ProcurementUnit Unit, int OpenTickets)>> SearchUnitsAsync(string text, string? phone, Guid? integratorId, int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.ProcurementUnits.AsNoTracking();
        if (phone is null) q = q.Where(u => u.Name.Contains(text));
        else
        {
            var byPhone = db.Tickets.Where(t => t.ContactPhone == phone && t.ProcurementUnitId != null).Select(t => t.ProcurementUnitId!.Value);
            q = q.Where(u => u.Name.Contains(text) || byPhone.Contains(u.Id));
        }
        if (integratorId is { } i) q = q.Where(u => u.IntegratorId == i);
        var rows = await q.OrderBy(u => u.Name).Take(take)
            .Select(u => new { Unit = u, Open = db.Tickets.Count(t => t.ProcurementUnitId == u.Id && t.Status != TicketStatus.Closed && t.Status != TicketStatus.Cancelled) })
            .ToListAsync(ct);
        return rows.Select(r => (r.Unit, r.Open)).ToList();
    }

    public async Task<IReadOnlyList<Ticket>> TicketsOfUnitAsync(Guid unitId, CaseScope scope, int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await scope.Apply(db.Tickets.AsNoTracking()).Where(t => t.ProcurementUnitId == unitId)
            .OrderBy(t => t.Status == TicketStatus.Closed || t.Status == TicketStatus.Cancelled).ThenByDescending(t => t.CreatedAt).Take(take).ToListAsync(ct);
    }

    public async Task<ProcurementUnit?> FindUnitAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ProcurementUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
    }

    public async Task<bool> IntegratorExistsAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Enterprises.AnyAsync(e => e.Id == id && e.Kind == EnterpriseKind.Integrator, ct);
    }

    public async Task<CaseMembership> MembershipAsync(Guid instanceId, CaseScope scope, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        // A sub-workflow belongs to the case of the instance at the top of its chain.
        var root = instanceId;
        for (var depth = 0; depth < 10; depth++)
        {
            var parent = await db.Instances.AsNoTracking().Where(i => i.Id == root).Select(i => i.ParentInstanceId).FirstOrDefaultAsync(ct);
            if (parent is not { } p) break;
            root = p;
        }
        // An enterprise's assessment result is the case of its objection flow, a sub-workflow of the quarter's (which has none).
        if (await db.AssessmentResults.AnyAsync(r => r.InstanceId == instanceId, ct))
            return await db.AssessmentResults.Where(scope.AssessmentRule()).AnyAsync(r => r.InstanceId == instanceId, ct) ? CaseMembership.InScope : CaseMembership.OutOfScope;
        if (await db.SupervisionNotices.AnyAsync(n => n.InstanceId == root, ct))
            return await db.SupervisionNotices.Where(scope.SupervisionRule()).AnyAsync(n => n.InstanceId == root, ct) ? CaseMembership.InScope : CaseMembership.OutOfScope;
        if (await db.Tickets.AnyAsync(t => t.InstanceId == root, ct))
            return await scope.Apply(db.Tickets).AnyAsync(t => t.InstanceId == root, ct) ? CaseMembership.InScope : CaseMembership.OutOfScope;
        if (await db.Complaints.AnyAsync(c => c.InstanceId == root, ct))
            return await scope.Apply(db.Complaints).AnyAsync(c => c.InstanceId == root, ct) ? CaseMembership.InScope : CaseMembership.OutOfScope;
        return CaseMembership.NoCase;
    }

    public async Task<(IReadOnlyList<HumanTask> Items, int Total)> ListTasksAsync(TaskFilter filter, int skip, int take, string? user,
        IReadOnlyCollection<string> roles, CaseScope scope, bool everything, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Tasks.AsNoTracking();
        if (filter.Status is { } s) q = q.Where(t => t.Status == s);
        if (filter.InstanceId is { } iid) q = q.Where(t => t.InstanceId == iid);
        if (filter.AssigneeUser is { } a) q = q.Where(t => t.AssigneeUser == a);
        if (filter.Role is { } r) q = q.Where(t => t.AssigneeRole == r);
        if (filter.TaskKind is { } kind) q = q.Where(t => t.TaskKind == kind);
        if (!everything)
        {
            var roleList = roles.ToList();
            var tickets = scope.Apply(db.Tickets);
            var complaints = scope.Apply(db.Complaints);
            var results = db.AssessmentResults.Where(scope.AssessmentRule());
            var notices = db.SupervisionNotices.Where(scope.SupervisionRule());
            q = q.Where(t => (user != null && t.AssigneeUser == user)
                             || (t.AssigneeRole != null && roleList.Contains(t.AssigneeRole)
                                 && (tickets.Any(k => k.InstanceId == t.InstanceId) || complaints.Any(c => c.InstanceId == t.InstanceId) || results.Any(r => r.InstanceId == t.InstanceId)
                                     || notices.Any(n => n.InstanceId == t.InstanceId)
                                     || (!db.Tickets.Any(k => k.InstanceId == t.InstanceId) && !db.Complaints.Any(c => c.InstanceId == t.InstanceId)
                                         && !db.AssessmentResults.Any(r => r.InstanceId == t.InstanceId) && !db.SupervisionNotices.Any(n => n.InstanceId == t.InstanceId)
                                         && !db.Instances.Any(i => i.Id == t.InstanceId && i.ParentInstanceId != null)))));
        }
        var total = await q.CountAsync(ct);
        var items = await q.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.Id).Skip(skip).Take(take).ToListAsync(ct);
        return (items, total);
    }

    public async Task<(IReadOnlyList<InstanceSummary> Items, int Total)> ListInstancesAsync(InstanceFilter filter, int skip, int take, string? user, CaseScope scope, bool everything, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Instances.AsNoTracking();
        if (filter.DefinitionId is { Length: > 0 } d) q = q.Where(i => i.DefinitionId == d);
        if (filter.Version is { } v) q = q.Where(i => i.DefinitionVersion == v);
        if (filter.Status is { } st) q = q.Where(i => i.Status == st);
        if (filter.HasIncidents is { } hasIncidents)
            q = hasIncidents ? q.Where(i => db.Incidents.Any(x => x.InstanceId == i.Id && x.ResolvedAt == null)) : q.Where(i => !db.Incidents.Any(x => x.InstanceId == i.Id && x.ResolvedAt == null));
        if (filter.StartedFrom is { } from) q = q.Where(i => i.CreatedAt >= from);
        if (filter.StartedTo is { } to) q = q.Where(i => i.CreatedAt < to);
        if (filter.Search is { Length: > 0 } text) q = q.Where(i => i.CorrelationId != null && i.CorrelationId.Contains(text));
        if (!everything)
        {
            var tickets = scope.Apply(db.Tickets);
            var complaints = scope.Apply(db.Complaints);
            var results = db.AssessmentResults.Where(scope.AssessmentRule());
            var notices = db.SupervisionNotices.Where(scope.SupervisionRule());
            q = q.Where(i => (user != null && i.CreatedBy == user) || tickets.Any(t => t.InstanceId == i.Id) || complaints.Any(c => c.InstanceId == i.Id)
                             || results.Any(r => r.InstanceId == i.Id) || notices.Any(n => n.InstanceId == i.Id));
        }
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(i => i.Id).Skip(skip).Take(take)
            .Select(i => new InstanceSummary(i.Id, i.DefinitionId, i.DefinitionVersion, i.Status, i.CorrelationId, i.CreatedAt, i.UpdatedAt, i.FinishedAt))
            .ToListAsync(ct);
        return (items, total);
    }

    public async Task<(IReadOnlyList<InboxRow> Items, int Total)> ListInboxAsync(InboxQuery query, int skip, int take, InboxAudience who, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = Lines(OpenInboxCases(db).Where(InboxVisibility.Of(who, query.View)));
        // Overdue: the deadline that matters for the row (the one its countdown shows) has passed — breached as the countdown says.
        if (query.View == InboxView.Overdue) rows = rows.Where(r => r.DueAt != null && r.DueAt <= now);
        if (query.Grade is { Length: > 0 } gradeText)
        {
            if (!Grade.TryParse(gradeText, out var g)) return ([], 0);
            rows = rows.Where(r => r.Grade == g);
        }
        if (query.City is { Length: > 0 } city) rows = rows.Where(r => r.CityCode == city || (r.CountyCode != null && r.CountyCode == city));
        if (query.Category is { Length: > 0 } cat) rows = rows.Where(r => r.Category == cat);
        if (query.Kind is { Length: > 0 } kind) rows = rows.Where(r => r.TaskKind == kind);
        if (query.Status is { Length: > 0 } st)
            rows = TicketStatus.TryParse(st, out var ts)
                ? rows.Where(r => r.TicketStatus == ts || r.ComplaintStatus == st)
                : rows.Where(r => r.ComplaintStatus == st);
        if (query.Text is { Length: > 0 } text)
            rows = rows.Where(r => r.TaskTitle.Contains(text) || (r.TaskTitleEn != null && r.TaskTitleEn.Contains(text)) || (r.CaseNumber != null && r.CaseNumber.Contains(text)) || (r.CaseTitle != null && r.CaseTitle.Contains(text)));
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderBy(r => r.DueAt == null).ThenBy(r => r.DueAt).ThenBy(r => r.TaskId).Skip(skip).Take(take).ToListAsync(ct);
        return (items.Select(r => r.ToRow()).ToList(), total);
    }

    public async Task<IReadOnlyList<InboxMark>> InboxMarksAsync(InboxAudience who, IReadOnlyCollection<Guid>? instances, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (instances is null)
        {
            var all = await OpenInboxCases(db).Where(InboxVisibility.Of(who, InboxView.All)).Select(MarkOf(who)).ToListAsync(ct);
            return all.Select(m => m.ToMark()).ToList();
        }
        // A few instances: their tasks are sought by instance, and the open ones kept here — with the status in the
        // statement SQLite would walk every open task by the status index instead (6 ms against 0.02 ms at 10,000).
        var ids = instances.ToList();
        var some = await InboxCases(db, db.Tasks.AsNoTracking().Where(t => ids.Contains(t.InstanceId))).Where(InboxVisibility.Of(who, InboxView.All))
            .Select(MarkOf(who)).ToListAsync(ct);
        return some.Where(m => m.Status == HumanTaskStatus.Open).Select(m => m.ToMark()).ToList();
    }

    public async Task<IReadOnlyList<InboxRow>> InboxRowsAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken ct = default)
    {
        if (taskIds.Count == 0) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var ids = taskIds.ToList();
        // Sought by id, the open ones kept here (with the status in the statement SQLite walks every open task; above).
        var rows = await Lines(InboxCases(db, db.Tasks.AsNoTracking().Where(t => ids.Contains(t.Id)))).ToListAsync(ct);
        return rows.Where(r => r.Status == HumanTaskStatus.Open).Select(r => r.ToRow()).ToList();
    }

    public async Task<int> CountInboxDueAsync(InboxAudience who, DateTimeOffset now, DateTimeOffset until, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Lines(OpenInboxCases(db).Where(InboxVisibility.Of(who, InboxView.Overdue))).CountAsync(r => r.DueAt >= now && r.DueAt < until, ct);
    }

    public async Task<IReadOnlyList<XinchuangFlow.Application.Home.CaseFigures>> CaseFiguresAsync(CaseScope scope, DateTimeOffset now, TimeSpan soon, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        TicketStatus[] final = [TicketStatus.Closed, TicketStatus.Cancelled];
        var until = now + soon;
        const string paused = XinchuangFlow.Domain.Sla.Deadlines.Paused;
        var tickets = await scope.Apply(db.Tickets.AsNoTracking()).Where(t => !final.Contains(t.Status))
            .GroupBy(t => t.CityCode)
            .Select(g => new
            {
                City = g.Key,
                Open = g.Count(),
                Overdue = g.Count(t => t.NextDueAt != null && t.NextDueAt < now && (t.NextClock == null || t.NextClock != paused)),
                DueSoon = g.Count(t => t.NextDueAt != null && t.NextDueAt >= now && t.NextDueAt < until && (t.NextClock == null || t.NextClock != paused)),
                Breached = g.Count(t => t.Breached),
            }).ToListAsync(ct);
        var complaints = await scope.Apply(db.Complaints.AsNoTracking()).Where(c => c.Status != ComplaintStatus.Closed)
            .GroupBy(c => c.CityCode)
            .Select(g => new { City = g.Key, Open = g.Count(), Reviewing = g.Count(c => c.Status == ComplaintStatus.Reviewing) })
            .ToListAsync(ct);
        return tickets.Select(t => t.City).Union(complaints.Select(c => c.City)).Order(StringComparer.Ordinal).Select(city =>
        {
            var t = tickets.FirstOrDefault(x => x.City == city);
            var c = complaints.FirstOrDefault(x => x.City == city);
            return new XinchuangFlow.Application.Home.CaseFigures(city, t?.Open ?? 0, t?.Overdue ?? 0, t?.DueSoon ?? 0, t?.Breached ?? 0, c?.Open ?? 0, c?.Reviewing ?? 0);
        }).ToList();
    }

    public async Task<IReadOnlyList<Ticket>> TechnicianQueueAsync(string technicianUser, int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        TicketStatus[] done = [TicketStatus.Resolved, TicketStatus.AwaitingFeedback, TicketStatus.Closed, TicketStatus.Cancelled];
        // Theirs while a step waits on them (accept, check in, resolve) or the vendor helps them; a returned ticket is not.
        var waiting = db.Tasks.Where(k => k.Status == HumanTaskStatus.Open && k.AssigneeUser == technicianUser).Select(k => k.InstanceId);
        return await db.Tickets.AsNoTracking()
            .Where(t => t.TechnicianUser == technicianUser && !done.Contains(t.Status) && (waiting.Contains(t.InstanceId) || t.Status == TicketStatus.VendorSupport))
            .OrderBy(t => (t.OnSiteDueAt ?? t.NextDueAt) == null).ThenBy(t => t.OnSiteDueAt ?? t.NextDueAt).ThenBy(t => t.CreatedAt).Take(take).ToListAsync(ct);
    }

    public async Task<CaseRef?> CaseOfInstanceAsync(Guid instanceId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Tickets.AsNoTracking().Where(t => t.InstanceId == instanceId).Select(t => new { t.Id, t.Number, t.Status }).FirstOrDefaultAsync(ct) is { } ticket
            ? new CaseRef("ticket", ticket.Id, ticket.Number, ticket.Status.Code)
            : await db.Complaints.AsNoTracking().Where(c => c.InstanceId == instanceId).Select(c => new CaseRef("complaint", c.Id, c.Number, c.Status)).FirstOrDefaultAsync(ct)
              ?? await db.AssessmentResults.AsNoTracking().Where(r => r.InstanceId == instanceId)
                  .Select(r => new CaseRef(XinchuangFlow.Domain.Tickets.CaseKinds.Assessment, r.Id, r.Quarter + " " + r.EnterpriseName, r.Status)).FirstOrDefaultAsync(ct)
              ?? await db.SupervisionNotices.AsNoTracking().Where(n => n.InstanceId == instanceId)
                  .Select(n => new CaseRef(XinchuangFlow.Domain.Tickets.CaseKinds.Supervision, n.Id, n.Number, n.Status)).FirstOrDefaultAsync(ct)
              // An interview (ASM-3) is about the result that called for it.
              ?? await db.AssessmentResults.AsNoTracking().Where(r => r.InterviewInstanceId == instanceId)
                  .Select(r => new CaseRef(XinchuangFlow.Domain.Tickets.CaseKinds.Assessment, r.Id, r.Quarter + " " + r.EnterpriseName, r.Status)).FirstOrDefaultAsync(ct);
    }

    /// <summary>The tasks of changed instances (open or not) with their cases, for the live inboxes (one query a batch).</summary>
    public async Task<IReadOnlyList<XinchuangFlow.Application.Tasks.ChangedTask>> TasksOfAsync(IReadOnlyCollection<Guid> instances, CancellationToken ct = default)
    {
        if (instances.Count == 0) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var ids = instances.ToList();
        var rows = await InboxCases(db, db.Tasks.AsNoTracking().Where(t => ids.Contains(t.InstanceId)))
            // Of a ticket and a complaint only what a scope reads: their contacts are encrypted, and not needed to decide.
            .Select(x => new
            {
                x.Task,
                Ticket = x.Ticket == null ? null : new Ticket
                {
                    Id = x.Ticket.Id, InstanceId = x.Ticket.InstanceId, CityCode = x.Ticket.CityCode, IntegratorId = x.Ticket.IntegratorId, VendorId = x.Ticket.VendorId,
                    TechnicianUser = x.Ticket.TechnicianUser, ProcurementUnitId = x.Ticket.ProcurementUnitId, CreatedBy = x.Ticket.CreatedBy,
                },
                Complaint = x.Complaint == null ? null : new Complaint
                {
                    Id = x.Complaint.Id, InstanceId = x.Complaint.InstanceId, CityCode = x.Complaint.CityCode, EnterpriseId = x.Complaint.EnterpriseId,
                    ProcurementUnitId = x.Complaint.ProcurementUnitId, CreatedBy = x.Complaint.CreatedBy,
                },
                x.Assessment, x.Notice, x.InChildFlow,
            })
            .ToListAsync(ct);
        return rows.Select(r => new XinchuangFlow.Application.Tasks.ChangedTask(r.Task.Id, r.Task.InstanceId, r.Task.AssigneeUser, r.Task.AssigneeRole, r.Task.ClaimedBy, r.InChildFlow,
            r.Ticket, r.Complaint, r.Assessment, r.Notice)).ToList();
    }

    private static IQueryable<InboxCase> OpenInboxCases(XfDbContext db) => InboxCases(db, db.Tasks.AsNoTracking().Where(t => t.Status == HumanTaskStatus.Open));

    private static IQueryable<InboxCase> InboxCases(XfDbContext db, IQueryable<HumanTask> tasks) =>
        from t in tasks
        join k in db.Tickets.AsNoTracking() on t.InstanceId equals k.InstanceId into kj
        from k in kj.DefaultIfEmpty()
        join c in db.Complaints.AsNoTracking() on t.InstanceId equals c.InstanceId into cj
        from c in cj.DefaultIfEmpty()
        join r in db.AssessmentResults.AsNoTracking() on t.InstanceId equals r.InstanceId into rj
        from r in rj.DefaultIfEmpty()
        join n in db.SupervisionNotices.AsNoTracking() on t.InstanceId equals n.InstanceId into nj
        from n in nj.DefaultIfEmpty()
        join v in db.AssessmentResults.AsNoTracking() on (Guid?)t.InstanceId equals v.InterviewInstanceId into vj
        from v in vj.DefaultIfEmpty()
        select new InboxCase
        {
            Task = t, Ticket = k, Complaint = c, Assessment = r, Notice = n, Interview = v,
            InChildFlow = db.Instances.Any(i => i.Id == t.InstanceId && i.ParentInstanceId != null),
        };

    /// <summary>The inbox's columns of a task and its case.</summary>
    private static IQueryable<InboxLine> Lines(IQueryable<InboxCase> rows) => rows.Select(LineOf);

    private static readonly Expression<Func<InboxCase, InboxLine>> LineOf = x => new InboxLine
        {
            TaskId = x.Task.Id, Status = x.Task.Status, InstanceId = x.Task.InstanceId, ActivityId = x.Task.ActivityId, TaskKind = x.Task.TaskKind, TaskTitle = x.Task.Title, TaskTitleEn = x.Task.TitleEn, AssigneeUser = x.Task.AssigneeUser,
            AssigneeRole = x.Task.AssigneeRole, ClaimedBy = x.Task.ClaimedBy, CreatedAt = x.Task.CreatedAt,
            CaseKind = x.Ticket != null ? "ticket" : x.Complaint != null ? "complaint" : x.Assessment != null ? "assessment" : x.Notice != null ? "supervision"
                : x.Interview != null ? "assessment" : null,
            CaseId = x.Ticket != null ? x.Ticket.Id : x.Complaint != null ? x.Complaint.Id : x.Assessment != null ? x.Assessment.Id : x.Notice != null ? x.Notice.Id
                : x.Interview != null ? x.Interview.Id : null,
            CaseNumber = x.Ticket != null ? x.Ticket.Number : x.Complaint != null ? x.Complaint.Number : x.Assessment != null ? x.Assessment.Quarter : x.Notice != null ? x.Notice.Number
                : x.Interview != null ? x.Interview.Quarter : null,
            CaseTitle = x.Ticket != null ? x.Ticket.Title : x.Complaint != null ? x.Complaint.Description.Substring(0, 80) : x.Assessment != null ? x.Assessment.EnterpriseName
                : x.Notice != null ? x.Notice.Reason.Substring(0, 80) : x.Interview != null ? x.Interview.EnterpriseName : null,
            Grade = x.Ticket != null ? x.Ticket.Grade : null,
            CityCode = x.Ticket != null ? x.Ticket.CityCode : x.Complaint != null ? x.Complaint.CityCode : x.Notice != null ? x.Notice.CityCode : null,
            CountyCode = x.Ticket != null ? x.Ticket.CountyCode : null,
            Category = x.Ticket != null ? x.Ticket.ProductCategory : x.Complaint != null ? x.Complaint.Category : null,
            TicketStatus = x.Ticket != null ? x.Ticket.Status : null,
            ComplaintStatus = x.Complaint != null ? x.Complaint.Status : null,
            // The task's own deadline when it has one that comes before the case's (a review step with its own time limit).
            Clock = x.Task.DueAt != null && (x.Ticket == null || x.Ticket.NextDueAt == null || x.Task.DueAt < x.Ticket.NextDueAt) ? null
                : x.Ticket != null ? x.Ticket.NextClock : null,
            DueAt = x.Task.DueAt != null && (x.Ticket == null || x.Ticket.NextDueAt == null || x.Task.DueAt < x.Ticket.NextDueAt)
                    && (x.Complaint == null || x.Complaint.StepDueAt == null || x.Task.DueAt < x.Complaint.StepDueAt) ? x.Task.DueAt
                : x.Ticket != null && x.Ticket.NextDueAt != null ? x.Ticket.NextDueAt
                : x.Complaint != null && x.Complaint.StepDueAt != null ? x.Complaint.StepDueAt : x.Task.DueAt,
            WarnAt = x.Task.DueAt != null && (x.Ticket == null || x.Ticket.NextDueAt == null || x.Task.DueAt < x.Ticket.NextDueAt) ? null
                : x.Ticket != null ? x.Ticket.NextWarnAt : null,
        };

    /// <summary>
    /// A task's mark for <paramref name="who"/>: its ids, the row's deadline that matters (the same expression as the
    /// row's), and whether the views Mine and Team hold it (their own rules, evaluated by the database).
    /// </summary>
    private static Expression<Func<InboxCase, MarkLine>> MarkOf(InboxAudience who)
    {
        var row = LineOf.Parameters[0];
        var line = (MemberInitExpression)LineOf.Body;
        Expression Of(string name) =>
            ((MemberAssignment)line.Bindings.Single(b => b.Member.Name == name)).Expression;
        Expression In(InboxView view) => InboxVisibility.Inline(InboxVisibility.Of(who, view), row);
        MemberBinding Set(string name, Expression value) =>
            Expression.Bind(typeof(MarkLine).GetProperty(name)!, value);
        var body = Expression.MemberInit(Expression.New(typeof(MarkLine)),
            Set(nameof(MarkLine.TaskId), Of(nameof(InboxLine.TaskId))), Set(nameof(MarkLine.InstanceId), Of(nameof(InboxLine.InstanceId))),
            Set(nameof(MarkLine.DueAt), Of(nameof(InboxLine.DueAt))), Set(nameof(MarkLine.Mine), In(InboxView.Mine)), Set(nameof(MarkLine.Team), In(InboxView.Team)),
            Set(nameof(MarkLine.Status), Expression.Property(Expression.Property(row, nameof(InboxCase.Task)), nameof(HumanTask.Status))));
        return Expression.Lambda<Func<InboxCase, MarkLine>>(body, row);
    }

    /// <summary>A mark as the query builds it (settable, so the ordering translates to SQL).</summary>
    private sealed class MarkLine
    {
        public Guid TaskId { get; init; }
        public Guid InstanceId { get; init; }
        public bool Mine { get; init; }
        public bool Team { get; init; }
        public DateTimeOffset? DueAt { get; init; }
        public HumanTaskStatus Status { get; init; }

        public InboxMark ToMark() => new(TaskId, InstanceId, Mine, Team, DueAt);
    }

    /// <summary>An inbox row as the query builds it (settable, so filters and ordering translate to SQL).</summary>
    private sealed class InboxLine
    {
        public Guid TaskId { get; init; }
        public HumanTaskStatus Status { get; init; }
        public Guid InstanceId { get; init; }
        public string ActivityId { get; init; } = "";
        public string? TaskKind { get; init; }
        public string TaskTitle { get; init; } = "";
        public string? TaskTitleEn { get; init; }
        public string? AssigneeUser { get; init; }
        public string? AssigneeRole { get; init; }
        public string? ClaimedBy { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public string? CaseKind { get; init; }
        public Guid? CaseId { get; init; }
        public string? CaseNumber { get; init; }
        public string? CaseTitle { get; init; }
        public Grade? Grade { get; init; }
        public string? CityCode { get; init; }
        public string? CountyCode { get; init; }
        public string? Category { get; init; }
        public TicketStatus? TicketStatus { get; init; }
        public string? ComplaintStatus { get; init; }
        public string? Clock { get; init; }
        public DateTimeOffset? DueAt { get; init; }
        public DateTimeOffset? WarnAt { get; init; }

        public InboxRow ToRow() => new(TaskId, InstanceId, ActivityId, TaskKind, TaskTitle, TaskTitleEn, AssigneeUser, AssigneeRole, ClaimedBy, CreatedAt, CaseKind, CaseId,
            CaseNumber, CaseTitle, Grade?.Code, CityCode, CountyCode, Category, TicketStatus?.Code ?? ComplaintStatus, Clock, DueAt, WarnAt);
    }
}
