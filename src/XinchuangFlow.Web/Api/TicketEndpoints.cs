using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Infrastructure.Persistence;
using XinchuangFlow.Infrastructure.Tickets;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Api;

/// <summary>
/// Work orders, complaints and rules (FLOW-1/2, DSP-3, SLA): create and follow tickets, check in, give feedback, file
/// complaints, re-dispatch. Every read and action is limited to the caller's scope (SEC-2); what is out of scope is
/// answered 404, as if it did not exist.
/// </summary>
public static class TicketEndpoints
{
    public sealed record ClockDto(string Clock, string State, string? Target, string? TargetReason, DateTimeOffset? StartedAt, DateTimeOffset? StoppedAt,
        string Consumed, string PausedTotal, DateTimeOffset? Deadline, bool Breached, IReadOnlyList<int> Escalated);
    public sealed record TicketDto(Guid Id, string Number, string Status, string StatusName, string Channel, DateTimeOffset CreatedAt, string? CreatedBy,
        string ProcurementUnit, string ContactName, string CityCode, string CountyCode, string ProductCategory, string Title, string Description,
        string Impact, string? Grade, string? GradeExplanation, Guid? IntegratorId, string? TechnicianName, string? TechnicianUser, string? ServicePointCounty,
        JsonNode? DispatchExplanation, DateTimeOffset? CheckInAt, string? Resolution, int? Satisfaction, bool FirstTimeFix, bool Breached,
        DateTimeOffset? ResponseDueAt, DateTimeOffset? OnSiteDueAt, DateTimeOffset? ResolutionDueAt, IReadOnlyList<ClockDto> Clocks, Guid InstanceId);
    public sealed record EventDto(DateTimeOffset At, string? User, string Kind, string? FromStatus, string? ToStatus, string? Note);
    public sealed record TaskDto(Guid Id, string Title, string? AssigneeUser, string? AssigneeRole, IReadOnlyList<string> Outcomes, DateTimeOffset? DueAt);
    public sealed record TicketDetailDto(TicketDto Ticket, IReadOnlyList<EventDto> History, IReadOnlyList<TaskDto> OpenTasks, IReadOnlyList<Complaint> Complaints);
    public sealed record CheckInBody(string? Location, bool Remote = false);
    public sealed record FeedbackBody(int Satisfaction, string? Comment);
    public sealed record ComplaintBody(string Description, string Category = "service", string? RequestKey = null, string? CityCode = null);
    public sealed record RedispatchBody(string TechnicianUser, string Reason);
    public sealed record GradeBody(string? Grade, string? Reason);

    /// <summary>Task outcomes of the shipped service-ticket flow that the API's actions complete.</summary>
    public const string CheckInOutcome = "到场签到";
    public const string RemoteOutcome = "远程处理";
    public const string FeedbackOutcome = "提交评价";

    public static IEndpointRouteBuilder MapTicketApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().WithTags("Tickets");

        api.MapPost("/tickets", async (TicketRequest body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user,
            TicketService tickets, CancellationToken ct) =>
        {
            if (!user.IsInRole(Roles.ProcurementUser) && !user.IsInRole(Roles.Dispatcher) && !user.IsInRole(Roles.DataBureauAdmin))
                return Results.Problem(statusCode: 403, title: "Only procurement units, dispatchers (hotline) and the Data Bureau record requests.");
            body.RequestKey ??= idempotencyKey;
            body.Channel = string.IsNullOrWhiteSpace(body.Channel) ? "portal" : body.Channel;
            if (user.IsInRole(Roles.ProcurementUser) && Scope(user).Unit is { } unit)
                body.ProcurementUnitId = unit;   // a unit files for itself only
            var (ticket, duplicate) = await tickets.CreateAsync(body, user.Identity!.Name, ct);
            return duplicate ? Results.Ok(ToDto(ticket)) : Results.Created($"/api/tickets/{ticket.Number}", ToDto(ticket));
        }).WithSummary("Records a request as a work order; a repeated Idempotency-Key (or requestKey) returns the first ticket with 200.");

        api.MapGet("/tickets", async ([AsParameters] TicketFilter filter, ClaimsPrincipal user, TicketService tickets, CancellationToken ct) =>
        {
            var (items, total) = await tickets.ListAsync(filter, Scope(user), ct);
            return Results.Ok(new { total, items = items.Select(ToDto) });
        });

        api.MapGet("/tickets/{idOrNumber}", async (string idOrNumber, ClaimsPrincipal user, TicketService tickets, CancellationToken ct) =>
            await tickets.FindAsync(idOrNumber, Scope(user), ct) is { } d
                ? Results.Ok(new TicketDetailDto(ToDto(d.Ticket),
                    d.History.Select(e => new EventDto(e.At, e.User, e.Kind, e.FromStatus, e.ToStatus, e.Note)).ToList(),
                    d.OpenTasks.Select(t => new TaskDto(t.Id, t.Title, t.AssigneeUser, t.AssigneeRole, t.Outcomes, t.DueAt)).ToList(), d.Complaints))
                : Results.NotFound());

        api.MapPost("/tickets/{idOrNumber}/check-in", async (string idOrNumber, CheckInBody body, ClaimsPrincipal user, TicketService tickets, ITicketRepository repository, CancellationToken ct) =>
        {
            if (await tickets.FindInScopeAsync(idOrNumber, Scope(user), ct) is not { } ticket) return Results.NotFound();
            if (!string.Equals(ticket.TechnicianUser, user.Identity!.Name, StringComparison.OrdinalIgnoreCase))
                return Results.Problem(statusCode: 403, title: "Only the dispatched technician checks in.");
            var location = TicketRequest.PlainText(body.Location);
            if (location.Length > 200) return Results.ValidationProblem(new Dictionary<string, string[]> { ["location"] = ["At most 200 characters."] });
            var task = await tickets.CompleteActionAsync(ticket.InstanceId, body.Remote ? RemoteOutcome : CheckInOutcome,
                new JsonObject { ["location"] = location }, user.Identity.Name!, RolesOf(user), ct);
            return task is null
                ? Results.Problem(statusCode: 409, title: $"Ticket {ticket.Number} is {ticket.Status}; there is no check-in waiting (accept it first, or it was already checked in).")
                : Results.Ok(ToDto((await repository.FindTicketAsync(ticket.Id, ct))!));
        });

        api.MapPost("/tickets/{idOrNumber}/feedback", async (string idOrNumber, FeedbackBody body, ClaimsPrincipal user, TicketService tickets, ITicketRepository repository, CancellationToken ct) =>
        {
            if (await tickets.FindInScopeAsync(idOrNumber, Scope(user), ct) is not { } ticket) return Results.NotFound();
            var errors = new Dictionary<string, string[]>();
            if (body.Satisfaction is < 1 or > 5) errors["satisfaction"] = ["Give 1 (very dissatisfied) to 5 (very satisfied)."];
            var comment = TicketRequest.PlainText(body.Comment);
            if (body.Satisfaction is 1 or 2 && comment.Length == 0) errors["comment"] = ["Please say what went wrong (a comment is required for 1 or 2)."];
            if (comment.Length > 2000) errors["comment"] = ["At most 2000 characters."];
            if (errors.Count > 0) return Results.ValidationProblem(errors);
            var task = await tickets.CompleteActionAsync(ticket.InstanceId, FeedbackOutcome,
                new JsonObject { ["satisfaction"] = body.Satisfaction.ToString(), ["comment"] = comment }, user.Identity!.Name!, RolesOf(user), ct);
            return task is null
                ? Results.Problem(statusCode: 409, title: $"Ticket {ticket.Number} is {ticket.Status}; no feedback is waiting from you.")
                : Results.Ok(ToDto((await repository.FindTicketAsync(ticket.Id, ct))!));
        });

        api.MapPost("/tickets/{idOrNumber}/complaints", async (string idOrNumber, ComplaintBody body, [FromHeader(Name = "Idempotency-Key")] string? key,
            ClaimsPrincipal user, TicketService tickets, CancellationToken ct) =>
        {
            if (await tickets.FindInScopeAsync(idOrNumber, Scope(user), ct) is not { } ticket) return Results.NotFound();
            if (!user.IsInRole(Roles.ProcurementUser) && !user.IsInRole(Roles.DataBureauAdmin))
                return Results.Problem(statusCode: 403, title: "Complaints are filed by the procurement unit.");
            var (complaint, duplicate) = await tickets.FileComplaintAsync(ticket.Id, body.Description, body.Category, body.RequestKey ?? key,
                user.Identity!.Name, Scope(user).Unit, null, null, ct);
            return duplicate ? Results.Ok(complaint) : Results.Created($"/api/complaints/{complaint.Id}", complaint);
        }).WithSummary("Files a complaint on a ticket at any time (FLOW-2).");

        api.MapPost("/complaints", async (ComplaintBody body, [FromHeader(Name = "Idempotency-Key")] string? key, ClaimsPrincipal user, TicketService tickets, CancellationToken ct) =>
        {
            if (!user.IsInRole(Roles.ProcurementUser) && !user.IsInRole(Roles.DataBureauAdmin))
                return Results.Problem(statusCode: 403, title: "Complaints are filed by the procurement unit.");
            var (complaint, duplicate) = await tickets.FileComplaintAsync(null, body.Description, body.Category, body.RequestKey ?? key,
                user.Identity!.Name, Scope(user).Unit, null, body.CityCode, ct);
            return duplicate ? Results.Ok(complaint) : Results.Created($"/api/complaints/{complaint.Id}", complaint);
        });

        api.MapGet("/complaints/{id:guid}", async (Guid id, ClaimsPrincipal user, TicketService tickets, CancellationToken ct) =>
            await tickets.FindComplaintAsync(id, Scope(user), ct) is { } c
                ? Results.Ok(new
                {
                    complaint = c.Complaint,
                    history = c.History.Select(e => new EventDto(e.At, e.User, e.Kind, e.FromStatus, e.ToStatus, e.Note)),
                    openTasks = c.OpenTasks.Select(t => new TaskDto(t.Id, t.Title, t.AssigneeUser, t.AssigneeRole, t.Outcomes, t.DueAt)),
                })
                : Results.NotFound());

        api.MapPost("/tickets/{idOrNumber}/redispatch", async (string idOrNumber, RedispatchBody body, ClaimsPrincipal user, TicketService tickets,
            INetworkRepository network, CancellationToken ct) =>
        {
            if (!IsAgent(user))
                return Results.Problem(statusCode: 403, title: "Only dispatchers, the enterprise's service manager, coordinators and the Data Bureau re-dispatch.");
            if (await tickets.FindInScopeAsync(idOrNumber, Scope(user), ct) is not { } ticket) return Results.NotFound();
            return Results.Ok(ToDto(await tickets.RedispatchAsync(ticket, body.TechnicianUser?.Trim() ?? "", body.Reason ?? "", user.Identity!.Name!, network, ct)));
        }).WithSummary("Manual re-dispatch with a reason (DSP-3); the new technician must hold a valid certificate.");

        api.MapPost("/tickets/{idOrNumber}/grade", async (string idOrNumber, GradeBody body, ClaimsPrincipal user, TicketService tickets,
            XinchuangFlow.Domain.Rules.RuleBook rules, CancellationToken ct) =>
        {
            if (!IsAgent(user))
                return Results.Problem(statusCode: 403, title: "Only dispatchers, the enterprise's service manager, coordinators and the Data Bureau change a grade.");
            if (await tickets.FindInScopeAsync(idOrNumber, Scope(user), ct) is not { } ticket) return Results.NotFound();
            return Results.Ok(ToDto(await tickets.OverrideGradeAsync(ticket, body.Grade ?? "", body.Reason ?? "", user.Identity!.Name!, rules, ct)));
        }).WithSummary("An agent overrides the automatic grade with a reason (DSP-1); running clocks take the new targets.");

        api.MapGet("/rules", async (EfRuleStore rules, CancellationToken ct) =>
            (await rules.ListAsync(ct)).Select(r => new { r.Kind, r.Scope, r.Version, r.UpdatedAt, r.UpdatedBy }));
        api.MapGet("/rules/{kind}/{scope}", async (string kind, string scope, EfRuleStore rules, CancellationToken ct) =>
            await rules.FindAsync(kind, scope, ct) is { } r ? Results.Ok(r) : Results.NotFound());
        api.MapPut("/rules/{kind}/{scope}", async (string kind, string scope, HttpRequest request, [FromHeader(Name = "If-Match")] string? ifMatch,
            ClaimsPrincipal user, EfRuleStore rules, CancellationToken ct) =>
        {
            var mayEdit = user.IsInRole(Roles.DataBureauAdmin) || (user.IsInRole(Roles.MunicipalCoordinator) && user.FindFirstValue(ScopeClaims.City) == scope);
            if (!mayEdit) return Results.Problem(statusCode: 403, title: "The Data Bureau edits regional rules; a municipal coordinator edits their own city's.");
            if (!RuleKinds.All.Contains(kind)) return Results.NotFound();
            using var reader = new StreamReader(request.Body);
            var json = await reader.ReadToEndAsync(ct);
            try
            {
                var saved = await rules.SaveAsync(kind, scope, json, user.Identity!.Name, int.TryParse(ifMatch?.Trim('"'), out var v) ? v : null, ct);
                return Results.Ok(new { saved.Kind, saved.Scope, saved.Version });
            }
            catch (InvalidDataException ex)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["rules"] = [ex.Message] });
            }
        }).WithSummary("Replaces a rule set (validated first); If-Match: the version you edited.");
        return app;
    }

    /// <summary>The caller's scope from their roles and scope claims.</summary>
    public static CaseScope Scope(ClaimsPrincipal user)
    {
        var name = user.Identity?.Name;
        if (user.IsInRole(Roles.DataBureauAdmin) || user.IsInRole(Roles.IntranetSupervisor) || user.IsInRole(Roles.Dispatcher)) return new CaseScope(All: true, User: name);
        if (user.IsInRole(Roles.MunicipalCoordinator)) return new CaseScope(City: user.FindFirstValue(ScopeClaims.City) ?? "none", User: name);
        if (user.IsInRole(Roles.EnterpriseManager) || user.IsInRole(Roles.VendorSupport)) return new CaseScope(Enterprise: user.EnterpriseId() ?? Guid.Empty, User: name);
        if (user.IsInRole(Roles.Technician)) return new CaseScope(TechnicianUser: name ?? "", User: name);
        return new CaseScope(Unit: Guid.TryParse(user.FindFirstValue(ScopeClaims.Unit), out var u) ? u : null, User: name);
    }

    /// <summary>Roles that dispatch and grade on the platform's behalf.</summary>
    private static bool IsAgent(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Dispatcher) || user.IsInRole(Roles.EnterpriseManager) || user.IsInRole(Roles.DataBureauAdmin) || user.IsInRole(Roles.MunicipalCoordinator);

    private static string[] RolesOf(ClaimsPrincipal user) => Roles.All.Where(user.IsInRole).ToArray();

    private static bool ClockBreached(XinchuangFlow.Domain.Sla.SlaClock c, Ticket t, DateTimeOffset now) => c.State switch
    {
        XinchuangFlow.Domain.Sla.ClockState.NotStarted => false,
        XinchuangFlow.Domain.Sla.ClockState.Running => c.Escalated.Any(p => p >= 100) || t.DueAt(c.Kind) < now,
        _ => c.Consumed > c.Target,
    };

    public static TicketDto ToDto(Ticket t)
    {
        var clocks = t.Clocks();
        var now = DateTimeOffset.UtcNow;
        return new TicketDto(t.Id, t.Number, t.Status, TicketStatus.NamesZh.GetValueOrDefault(t.Status, t.Status), t.Channel, t.CreatedAt, t.CreatedBy,
            t.ProcurementUnit, t.ContactName, t.CityCode, t.CountyCode, t.ProductCategory, t.Title, t.Description, t.Impact, t.Grade, t.GradeExplanation,
            t.IntegratorId, t.TechnicianName, t.TechnicianUser, t.ServicePointCounty,
            t.DispatchExplanation is null ? null : JsonNode.Parse(t.DispatchExplanation), t.CheckInAt, t.Resolution, t.Satisfaction, t.FirstTimeFix, t.Breached,
            t.ResponseDueAt, t.OnSiteDueAt, t.ResolutionDueAt,
            clocks.All.Select(c => new ClockDto(TicketClocks.Name(c.Kind), c.State.ToString(), c.State == XinchuangFlow.Domain.Sla.ClockState.NotStarted ? null : c.Target.ToString(),
                c.TargetReason, c.StartedAt, c.StoppedAt, c.Consumed.ToString(), c.PausedTotal.ToString(),
                t.DueAt(c.Kind),
                ClockBreached(c, t, now),
                c.Escalated)).ToList(), t.InstanceId);
    }
}
