using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Workflows;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Tickets;

/// <summary>Builds a ticket's workspace from the use cases that own each part; the scope check is theirs.</summary>
public sealed class TicketWorkspaceService(CaseQueryService queries, InstanceService instances, IAttachmentStore files, AccessService access, TicketActionService actions,
    PortalService portal, Knowledge.KnowledgeUseService knowledge, UserDirectoryService directory)
{
    public async Task<TicketWorkspace> GetAsync(Actor actor, string idOrNumber, CancellationToken ct = default)
    {
        var detail = await queries.GetTicketDetailAsync(actor, idOrNumber, ct);
        var t = detail.Ticket;
        var mine = new List<HumanTask>();
        foreach (var task in detail.OpenTasks)
            if (await access.RightOnTaskAsync(actor, task, ct) == TaskRight.Work) mine.Add(task);
        if (access.TicketViewOf(actor) == TicketView.Requester)
        {
            // The requester's view: no engine, no agents' actions; the ticket in plain words.
            var awaits = mine.Any(k => k.TaskKind == TaskKinds.Feedback);
            var shown = t.Status == TicketStatus.AwaitingFeedback && !awaits ? TicketStatus.Resolved : t.Status;
            var requester = new RequesterTicket(shown, await portal.PromiseAsync(t, ct), awaits, RequesterTimeline.Of(detail.History), RequesterTimeline.NewsOf(detail.History));
            var requesterFiles = await files.ListAsync(t.Id, ct);
            return new TicketWorkspace(t, detail.History, mine, detail.OpenTasks, detail.Complaints, requesterFiles, null, null,
                new WorkspaceRights([], Upload: !t.Status.IsFinal, SeeDiagram: false), TicketView.Requester, requester, await knowledge.CitedAsync(actor, t, ct),
                await PeopleAsync(detail, requesterFiles, ct));
        }
        InstanceDetail? flow = null;
        try
        {
            flow = await instances.GetAsync(actor, t.InstanceId, ct);
        }
        catch (NotFoundException)
        {
            // The case is visible to this user but its flow is not (it should be; the page then shows the step list only).
        }
        var distance = t is { CheckInLatitude: { } lat, CheckInLongitude: { } lon }
            ? GuangxiDivisions.Shipped.DistanceToCentreKm(t.CountyCode, lat, lon) : null;
        var rights = new WorkspaceRights(
            Actions: await actions.OfferedAsync(actor, t, ct),
            Upload: !t.Status.IsFinal,
            SeeDiagram: flow is not null);
        var attached = await files.ListAsync(t.Id, ct);
        return new TicketWorkspace(t, detail.History, mine, detail.OpenTasks, detail.Complaints, attached, flow, distance, rights,
            Cited: await knowledge.CitedAsync(actor, t, ct), People: await PeopleAsync(detail, attached, ct));
    }

    /// <summary>Everyone the page names — who acted in the history, the technician, the uploaders, the open tasks' holders — in one lookup.</summary>
    private Task<IReadOnlyDictionary<string, Person>> PeopleAsync(TicketDetail detail, IReadOnlyList<AttachmentInfo> attached, CancellationToken ct) =>
        directory.WhoAsync(detail.History.Select(e => e.User).Append(detail.Ticket.TechnicianUser).Concat(attached.Select(f => f.UploadedBy))
            .Concat(detail.OpenTasks.SelectMany(k => new[] { k.AssigneeUser, k.ClaimedBy })), ct);
}
