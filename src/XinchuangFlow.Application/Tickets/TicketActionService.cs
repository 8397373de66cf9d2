using System.Text.Json.Nodes;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Tasks;
using XinchuangFlow.Cases;
using XinchuangFlow.Cases.Activities;
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
    /// <summary>Where the technician's browser said they were at check-in (optional, with its accuracy in metres).</summary>
    public sealed record Position(double Latitude, double Longitude, double? Accuracy);

    /// <summary>
    /// The dispatched technician checks in on site (or reports remote handling); server time is recorded, and the
    /// browser's position when they allowed it. A repeated check-in changes nothing and returns the ticket.
    /// </summary>
    public async Task<Ticket> CheckInAsync(Actor actor, string idOrNumber, string? location, bool remote, Position? position = null, CancellationToken ct = default)
    {
        var ticket = await TechniciansTicketAsync(actor, idOrNumber, "check in", ct);
        if (location is { Length: > 0 } && TextRules.Problem(location, "location", 200, multiline: false) is { } problem)
            throw new InvalidInputException("location", problem);
        if (position is { } p && (p.Latitude is < -90 or > 90 || p.Longitude is < -180 or > 180 || p.Accuracy is < 0 || !double.IsFinite(p.Latitude) || !double.IsFinite(p.Longitude)))
            throw new InvalidInputException("position", "The position is not a valid latitude / longitude.");
        if (ticket.CheckInAt is not null) return ticket; // a repeated tap
        var data = new JsonObject { ["location"] = location ?? "" };
        if (position is { } pos && !remote)
        {
            data["latitude"] = pos.Latitude;
            data["longitude"] = pos.Longitude;
            if (pos.Accuracy is { } acc) data["accuracy"] = acc;
        }
        var done = await tasks.CompleteOpenAsync(actor, ticket.InstanceId, TaskKinds.Handle, remote ? TicketOutcomes.Remote : TicketOutcomes.CheckIn, data, ct);
        if (done is null)
        {
            var now = await tickets.FindTicketAsync(ticket.Id, ct);
            if (now?.CheckInAt is not null) return now; // the same tap arrived twice at once
            throw new StateConflictException($"Ticket {ticket.Number} is {ticket.Status}; there is no check-in waiting (accept it first).");
        }
        return (await tickets.FindTicketAsync(ticket.Id, ct))!;
    }

    /// <summary>The dispatched technician accepts the ticket (a repeated accept changes nothing).</summary>
    public async Task<Ticket> AcceptAsync(Actor actor, string idOrNumber, string? comment, CancellationToken ct = default)
    {
        var ticket = await TechniciansTicketAsync(actor, idOrNumber, "accept", ct);
        if (await tasks.CompleteOpenAsync(actor, ticket.InstanceId, TaskKinds.Accept, TicketOutcomes.Accept, new JsonObject { ["comment"] = comment ?? "" }, ct) is null
            && !IsPast(await tickets.FindTicketAsync(ticket.Id, ct) ?? ticket, TicketStatus.Accepted))
            throw new StateConflictException($"Ticket {ticket.Number} is {ticket.Status}; there is nothing to accept.");
        return (await tickets.FindTicketAsync(ticket.Id, ct))!;
    }

    /// <summary>The dispatched technician gives the ticket back to dispatch with a reason (a repeated tap changes nothing).</summary>
    public async Task<Ticket> ReturnAsync(Actor actor, string idOrNumber, string? reason, CancellationToken ct = default)
    {
        var ticket = await TechniciansTicketAsync(actor, idOrNumber, "return", ct);
        if (reason is null || !TextRules.HasVisibleText(reason)) throw new InvalidInputException("reason", "Returning a ticket needs a reason.");
        if (await tasks.CompleteOpenAsync(actor, ticket.InstanceId, TaskKinds.Accept, TicketOutcomes.Return, new JsonObject { ["comment"] = reason }, ct) is null
            && ticket.Status != TicketStatus.Dispatched)
            throw new StateConflictException($"Ticket {ticket.Number} is {ticket.Status}; there is nothing to return.");
        return (await tickets.FindTicketAsync(ticket.Id, ct))!;
    }

    /// <summary>The dispatched technician sets out for the site: server time recorded, the ticket shows "travelling". Idempotent.</summary>
    public async Task<Ticket> SetOutAsync(Actor actor, string idOrNumber, CancellationToken ct = default)
    {
        var ticket = await TechniciansTicketAsync(actor, idOrNumber, "set out", ct);
        if (ticket.SetOutAt is not null || ticket.CheckInAt is not null) return ticket;
        if (ticket.Status != TicketStatus.Accepted)
            throw new StateConflictException($"Ticket {ticket.Number} is {ticket.Status}; accept it before setting out.");
        await runtime.AmendAsync(ticket.InstanceId, actor.UserName, "set out", async amendment =>
        {
            var current = await tickets.FindTicketAsync(ticket.Id, ct);
            if (current is null || current.SetOutAt is not null || current.Status != TicketStatus.Accepted) return false;
            amendment.Change(current, "status", "工程师已出发", t =>
            {
                t.SetOutAt = amendment.Now;
                t.Status = TicketStatus.Travelling;
            });
            return true;
        }, ct);
        return (await tickets.FindTicketAsync(ticket.Id, ct))!;
    }

    /// <summary>
    /// The technician records the work and resolves the ticket (work done, parts, who at the unit confirmed), or asks
    /// the product vendor for support with what they need. A repeated tap changes nothing.
    /// </summary>
    public async Task<Ticket> ResolveAsync(Actor actor, string idOrNumber, string? resolution, string? parts, string? confirmedBy, bool askVendor, CancellationToken ct = default)
    {
        var ticket = await TechniciansTicketAsync(actor, idOrNumber, "resolve", ct);
        if (askVendor ? ticket.Status == TicketStatus.VendorSupport : IsPast(ticket, TicketStatus.Resolved)) return ticket;
        var data = new JsonObject { ["resolution"] = resolution ?? "", ["parts"] = parts ?? "", ["confirmedBy"] = confirmedBy ?? "" };
        if (await tasks.CompleteOpenAsync(actor, ticket.InstanceId, TaskKinds.Resolve, askVendor ? TicketOutcomes.VendorSupport : TicketOutcomes.Resolved, data, ct) is null)
        {
            var now = await tickets.FindTicketAsync(ticket.Id, ct) ?? ticket;
            if (askVendor ? now.Status == TicketStatus.VendorSupport : IsPast(now, TicketStatus.Resolved)) return now;
            throw new StateConflictException($"Ticket {ticket.Number} is {ticket.Status}; check in before recording the result.");
        }
        return (await tickets.FindTicketAsync(ticket.Id, ct))!;
    }

    /// <summary>The ticket when the actor is its dispatched technician; another technician gets a logged 404 from the scope, others a 403.</summary>
    private async Task<Ticket> TechniciansTicketAsync(Actor actor, string idOrNumber, string doing, CancellationToken ct)
    {
        var ticket = await queries.GetTicketAsync(actor, idOrNumber, ct);
        if (!string.Equals(ticket.TechnicianUser, actor.UserName, StringComparison.OrdinalIgnoreCase))
            throw access.Denied(actor, doing, $"Only the dispatched technician may {doing}.");
        return ticket;
    }

    /// <summary>Whether the ticket is at or beyond <paramref name="status"/> in the usual order of work.</summary>
    private static bool IsPast(Ticket ticket, TicketStatus status) => ticket.Status.IsPast(status);

    /// <summary>The unit rates the resolved ticket; a low rating needs a comment (the feedback step's own rule).</summary>
    public async Task<Ticket> FeedbackAsync(Actor actor, string idOrNumber, int satisfaction, string? comment, CancellationToken ct = default)
    {
        var ticket = await queries.GetTicketAsync(actor, idOrNumber, ct);
        var done = await tasks.CompleteOpenAsync(actor, ticket.InstanceId, TaskKinds.Feedback, TicketOutcomes.SubmitFeedback,
            new JsonObject { ["satisfaction"] = satisfaction.ToString(System.Globalization.CultureInfo.InvariantCulture), ["comment"] = comment ?? "" }, ct);
        if (done is null) throw new StateConflictException($"Ticket {ticket.Number} is {ticket.Status}; no feedback is waiting from you.");
        return (await tickets.FindTicketAsync(ticket.Id, ct))!;
    }

    /// <summary>
    /// Manual re-dispatch with a reason (DSP-3) outside the flow's own steps: the new technician must qualify; the
    /// ticket and its open technician tasks move to them in one transaction, and the history records who and why. A
    /// name that is no technician the actor may see is refused with one answer, whether or not such a user exists.
    /// </summary>
    public async Task<Ticket> RedispatchAsync(Actor actor, string idOrNumber, string? technicianUser, string? reason, CancellationToken ct = default)
    {
        if (!access.IsAgent(actor))
            throw access.Denied(actor, "re-dispatch", "Only dispatchers, the enterprise's service manager, coordinators and the Data Bureau re-dispatch.");
        var ticket = await queries.GetTicketAsync(actor, idOrNumber, ct);
        var user = actor.UserName!;
        technicianUser = technicianUser?.Trim() ?? "";
        reason ??= "";
        if (!TextRules.HasVisibleText(reason)) throw new InvalidInputException("reason", "A re-dispatch needs a reason.");
        if (TextRules.Problem(reason, "reason", 1000, multiline: true) is { } bad) throw new InvalidInputException("reason", bad);
        if (!ticket.MayBeRedispatched)
            throw new StateConflictException($"Ticket {ticket.Number} is {ticket.Status}; it can no longer be re-dispatched.");
        var snapshot = await network.TechnicianSnapshotAsync(technicianUser, ticket.ProductCategory, ct);
        var problem = AssignActivity.TechnicianProblem(snapshot, technicianUser, ticket.ProductCategory, clock.GetUtcNow(), out var technician, out var point);
        // A name that is no technician (no user at all, or a user of another kind) and a technician of an enterprise the
        // actor may not see get one and the same answer: the form tells nobody which names exist. Why a technician the
        // actor sees in the network cannot take the ticket (expired certificate, disabled…) is said as before.
        if (technician is null || !access.MaySeeEnterprise(actor, technician.EnterpriseId))
            throw new InvalidInputException("technicianUser", $"The person named is not a technician who can take this ticket: choose an active technician of an active " +
                $"integrator with a valid certificate for {ProductCategories.Names.GetValueOrDefault(ticket.ProductCategory, ticket.ProductCategory)}.");
        if (problem is not null) throw new InvalidInputException("technicianUser", $"{technicianUser}: {problem}");
        if (ticket.IntegratorId is { } integrator && technician!.EnterpriseId != integrator)
            throw new InvalidInputException("technicianUser", "The technician works for another enterprise than the ticket's responsible integrator.");
        var done = await runtime.AmendAsync(ticket.InstanceId, user, "re-dispatch", async amendment =>
        {
            // Read fresh inside the amendment: a conflict runs this again with the current ticket.
            var current = await tickets.FindTicketAsync(ticket.Id, ct);
            if (current is null || !current.MayBeRedispatched) return false;
            var previous = current.TechnicianUser;
            var open = await runtime.Store.ListTasksAsync(new Engine.Abstractions.TaskQuery(InstanceId: current.InstanceId, Status: HumanTaskStatus.Open), ct);
            var explanation = new JsonObject { ["ruleZh"] = $"改派：{reason}", ["technician"] = technician!.Name, ["previous"] = previous, ["by"] = user };
            amendment.Change(current, "redispatched", $"改派给{technician.Name}：{reason}",
                t => t.AssignTechnician(technician, point!, explanation.ToJsonString(), amendment.Now),
                new JsonObject { ["from"] = previous, ["to"] = technician.UserName, ["reason"] = reason });
            // Later steps of the flow assign to the dispatched technician: point them at the new one.
            amendment.SetVariable("dispatch", AssignActivity.DispatchVariable(technician, point!, $"改派：{reason}"));
            foreach (var task in open.Where(t => previous is not null && string.Equals(t.AssigneeUser, previous, StringComparison.OrdinalIgnoreCase)))
                amendment.ReassignTask(task.Id, technician.UserName);
            return true;
        }, ct);
        if (!done) throw new StateConflictException($"Ticket {ticket.Number} is no longer open; it was not re-dispatched.");
        return (await tickets.FindTicketAsync(ticket.Id, ct))!;
    }

    /// <summary>
    /// An agent overrides the automatic grade with a reason (DSP-1, audited): the running response and resolution
    /// clocks take the new grade's targets (consumed and paused time kept) and their escalation is re-planned.
    /// </summary>
    public async Task<Ticket> OverrideGradeAsync(Actor actor, string idOrNumber, string? gradeText, string? reason, CancellationToken ct = default)
    {
        if (!access.IsAgent(actor))
            throw access.Denied(actor, "change a grade", "Only dispatchers, the enterprise's service manager, coordinators and the Data Bureau change a grade.");
        var ticket = await queries.GetTicketAsync(actor, idOrNumber, ct);
        var user = actor.UserName!;
        reason ??= "";
        var errors = new Dictionary<string, string[]>();
        if (!Grade.TryParse(gradeText, out var grade)) errors["grade"] = ["Use P1, P2, P3 or P4."];
        if (!TextRules.HasVisibleText(reason)) errors["reason"] = ["A grade override needs a reason."];
        else if (TextRules.Problem(reason, "reason", 1000, multiline: true) is { } bad) errors["reason"] = [bad];
        if (errors.Count > 0) throw new InvalidInputException(errors);
        var done = await runtime.AmendAsync(ticket.InstanceId, user, "grade override", async amendment =>
        {
            var current = await tickets.FindTicketAsync(ticket.Id, ct);
            if (current is null || current.Status.IsFinal || current.Grade == grade) return false;
            var (sla, set) = await rules.SlaAsync(current.CityCode, ct);
            amendment.Join(current);
            var (from, retargeted) = current.OverrideGrade(grade, reason, user, amendment.Now, sla, $"rules sla/{set.Scope} v{set.Version}");
            foreach (var kind in retargeted) amendment.RaiseLocalSignal(SlaCategory.Signal(kind));
            CaseSession.GradeOverrideEvent(amendment, current, from, grade, reason);
            return true;
        }, ct);
        if (!done) throw new StateConflictException($"Ticket {ticket.Number} is closed or already {grade}; the grade was not changed.");
        return (await tickets.FindTicketAsync(ticket.Id, ct))!;
    }
}
