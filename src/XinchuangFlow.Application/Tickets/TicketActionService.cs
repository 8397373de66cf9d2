using System.Text.Json.Nodes;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Tasks;
using XinchuangFlow.Domain.Activities;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Tickets;

/// <summary>
/// What agents, technicians and units do to a ticket besides working a generic task: check in, give feedback,
/// re-dispatch, override the grade. Each finds the ticket within the caller's scope first (a logged 404 otherwise),
/// then lets the flow's own step and the domain decide.
/// </summary>
public sealed class TicketActionService(CaseQueryService queries, TaskService tasks, WorkflowRuntime runtime, ITicketRepository tickets,
    INetworkRepository network, RuleBook rules, AccessService access, TimeProvider clock)
{
    /// <summary>The dispatched technician checks in on site (or reports remote handling).</summary>
    public async Task<Ticket> CheckInAsync(Actor actor, string idOrNumber, string? location, bool remote, CancellationToken ct = default)
    {
        var ticket = await queries.GetTicketAsync(actor, idOrNumber, ct);
        if (!string.Equals(ticket.TechnicianUser, actor.UserName, StringComparison.OrdinalIgnoreCase))
            throw access.Denied(actor, "check in", "Only the dispatched technician checks in.");
        if (location is { Length: > 0 } && TextRules.Problem(location, "location", 200, multiline: false) is { } problem)
            throw new CaseValidationException("location", problem);
        var done = await tasks.CompleteOpenAsync(actor, ticket.InstanceId, remote ? TicketOutcomes.Remote : TicketOutcomes.CheckIn,
            new JsonObject { ["location"] = location ?? "" }, ct);
        if (done is null)
            throw new WorkflowStateException($"Ticket {ticket.Number} is {ticket.Status}; there is no check-in waiting (accept it first, or it was already checked in).");
        return (await tickets.FindTicketAsync(ticket.Id, ct))!;
    }

    /// <summary>The unit rates the resolved ticket; a low rating needs a comment (the feedback step's own rule).</summary>
    public async Task<Ticket> FeedbackAsync(Actor actor, string idOrNumber, int satisfaction, string? comment, CancellationToken ct = default)
    {
        var ticket = await queries.GetTicketAsync(actor, idOrNumber, ct);
        var done = await tasks.CompleteOpenAsync(actor, ticket.InstanceId, TicketOutcomes.SubmitFeedback,
            new JsonObject { ["satisfaction"] = satisfaction.ToString(System.Globalization.CultureInfo.InvariantCulture), ["comment"] = comment ?? "" }, ct);
        if (done is null) throw new WorkflowStateException($"Ticket {ticket.Number} is {ticket.Status}; no feedback is waiting from you.");
        return (await tickets.FindTicketAsync(ticket.Id, ct))!;
    }

    /// <summary>
    /// Manual re-dispatch with a reason (DSP-3) outside the flow's own steps: the new technician must qualify; the
    /// ticket and its open technician tasks move to them in one transaction, and the history records who and why.
    /// </summary>
    public async Task<Ticket> RedispatchAsync(Actor actor, string idOrNumber, string? technicianUser, string? reason, CancellationToken ct = default)
    {
        if (!access.IsAgent(actor))
            throw access.Denied(actor, "re-dispatch", "Only dispatchers, the enterprise's service manager, coordinators and the Data Bureau re-dispatch.");
        var ticket = await queries.GetTicketAsync(actor, idOrNumber, ct);
        var user = actor.UserName!;
        technicianUser = technicianUser?.Trim() ?? "";
        reason ??= "";
        if (!TextRules.HasVisibleText(reason)) throw new CaseValidationException("reason", "A re-dispatch needs a reason.");
        if (TextRules.Problem(reason, "reason", 1000, multiline: true) is { } bad) throw new CaseValidationException("reason", bad);
        if (TicketStatus.IsFinal(ticket.Status) || ticket.Status is TicketStatus.Resolved or TicketStatus.AwaitingFeedback)
            throw new WorkflowStateException($"Ticket {ticket.Number} is {ticket.Status}; it can no longer be re-dispatched.");
        var snapshot = await network.SnapshotAsync(ct);
        var problem = AssignActivity.TechnicianProblem(snapshot, technicianUser, ticket.ProductCategory, clock.GetUtcNow(), out var technician, out var point);
        if (problem is not null) throw new CaseValidationException("technicianUser", $"{technicianUser}: {problem}");
        if (ticket.IntegratorId is { } integrator && technician!.EnterpriseId != integrator)
            throw new CaseValidationException("technicianUser", "The technician works for another enterprise than the ticket's responsible integrator.");
        var done = await runtime.AmendAsync(ticket.InstanceId, user, "re-dispatch", async amendment =>
        {
            // Read fresh inside the amendment: a conflict runs this again with the current ticket.
            var current = await tickets.FindTicketAsync(ticket.Id, ct);
            if (current is null || TicketStatus.IsFinal(current.Status)) return false;
            var previous = current.TechnicianUser;
            amendment.StageUpdate(current, nameof(Ticket.Version), current.Version);
            current.Version++;
            var explanation = new JsonObject { ["ruleZh"] = $"改派：{reason}", ["technician"] = technician!.Name, ["previous"] = previous, ["by"] = user };
            current.AssignTechnician(technician, point!, explanation.ToJsonString(), amendment.Now);
            // Later steps of the flow assign to the dispatched technician: point them at the new one.
            amendment.SetVariable("dispatch", AssignActivity.DispatchVariable(technician, point!, $"改派：{reason}"));
            var open = await runtime.Store.ListTasksAsync(new Engine.Abstractions.TaskQuery(InstanceId: current.InstanceId, Status: HumanTaskStatus.Open), ct);
            foreach (var task in open.Where(t => previous is not null && string.Equals(t.AssigneeUser, previous, StringComparison.OrdinalIgnoreCase)))
                amendment.ReassignTask(task.Id, technician.UserName);
            amendment.StageInsert(new CaseEvent
            {
                CaseId = current.Id, CaseKind = "ticket", At = amendment.Now, User = user, Kind = "redispatched",
                FromStatus = current.Status, ToStatus = current.Status, Note = $"改派给{technician.Name}：{reason}",
                Data = new JsonObject { ["from"] = previous, ["to"] = technician.UserName, ["reason"] = reason }.ToJsonString(),
            });
            return true;
        }, ct);
        if (!done) throw new WorkflowStateException($"Ticket {ticket.Number} is no longer open; it was not re-dispatched.");
        return (await tickets.FindTicketAsync(ticket.Id, ct))!;
    }

    /// <summary>
    /// An agent overrides the automatic grade with a reason (DSP-1, audited): the running response and resolution
    /// clocks take the new grade's targets (consumed and paused time kept) and their escalation is re-planned.
    /// </summary>
    public async Task<Ticket> OverrideGradeAsync(Actor actor, string idOrNumber, string? grade, string? reason, CancellationToken ct = default)
    {
        if (!access.IsAgent(actor))
            throw access.Denied(actor, "change a grade", "Only dispatchers, the enterprise's service manager, coordinators and the Data Bureau change a grade.");
        var ticket = await queries.GetTicketAsync(actor, idOrNumber, ct);
        var user = actor.UserName!;
        grade = grade?.Trim().ToUpperInvariant() ?? "";
        reason ??= "";
        var errors = new Dictionary<string, string[]>();
        if (grade is not ("P1" or "P2" or "P3" or "P4")) errors["grade"] = ["Use P1, P2, P3 or P4."];
        if (!TextRules.HasVisibleText(reason)) errors["reason"] = ["A grade override needs a reason."];
        else if (TextRules.Problem(reason, "reason", 1000, multiline: true) is { } bad) errors["reason"] = [bad];
        if (errors.Count > 0) throw new CaseValidationException(errors);
        var done = await runtime.AmendAsync(ticket.InstanceId, user, "grade override", async amendment =>
        {
            var current = await tickets.FindTicketAsync(ticket.Id, ct);
            if (current is null || TicketStatus.IsFinal(current.Status) || current.Grade == grade) return false;
            amendment.StageUpdate(current, nameof(Ticket.Version), current.Version);
            current.Version++;
            CaseSession.AttachTicket(amendment.BurstItems, current);
            var (sla, set) = await rules.SlaAsync(current.CityCode, ct);
            var (from, retargeted) = current.OverrideGrade(grade, reason, user, amendment.Now, sla, $"rules sla/{set.Scope} v{set.Version}");
            foreach (var kind in retargeted) amendment.RaiseLocalSignal(SlaCategory.Signal(kind));
            amendment.StageInsert(CaseSession.GradeOverrideEvent(current, from, grade, reason, user, amendment.Now));
            return true;
        }, ct);
        if (!done) throw new WorkflowStateException($"Ticket {ticket.Number} is closed or already {grade}; the grade was not changed.");
        return (await tickets.FindTicketAsync(ticket.Id, ct))!;
    }
}
