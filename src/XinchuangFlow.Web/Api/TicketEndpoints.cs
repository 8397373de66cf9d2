using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Rules;
using XinchuangFlow.Application.Tickets;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Api;

/// <summary>
/// Work orders, complaints and rules (FLOW-1/2, DSP-3, SLA) over HTTP. Thin: each endpoint turns the request into a
/// call of an application service, which checks scope (SEC-2/5) and rules; what is out of scope is answered 404.
/// </summary>
public static class TicketEndpoints
{
    public sealed record ClockDto(string Clock, string State, string? Target, string? TargetReason, DateTimeOffset? StartedAt, DateTimeOffset? StoppedAt,
        string Consumed, string PausedTotal, DateTimeOffset? Deadline, bool Breached, IReadOnlyList<int> Escalated);
    public sealed record TicketDto(Guid Id, string Number, string Status, string StatusName, string Channel, DateTimeOffset CreatedAt, string? CreatedBy,
        string ProcurementUnit, string ContactName, string CityCode, string CountyCode, string ProductCategory, string Title, string Description,
        string Impact, string? Grade, string? GradeExplanation, Guid? IntegratorId, string? TechnicianName, string? TechnicianUser, string? ServicePointCounty,
        JsonNode? DispatchExplanation, DateTimeOffset? CheckInAt, string? Resolution, int? Satisfaction, bool FirstTimeFix, bool Breached,
        DateTimeOffset? ResponseDueAt, DateTimeOffset? OnSiteDueAt, DateTimeOffset? ResolutionDueAt, IReadOnlyList<ClockDto> Clocks, Guid InstanceId,
        DateTimeOffset? SetOutAt = null, string? CheckInLocation = null, double? CheckInLatitude = null, double? CheckInLongitude = null, double? CheckInAccuracy = null,
        string? PartsUsed = null, string? ConfirmedBy = null, string? ContactPhone = null, string? ContactEmail = null, string? Address = null,
        string? ProductVendor = null, string? ProductModel = null, string? SerialNumber = null, string? Cpu = null, string? Os = null, Guid? ProcurementUnitId = null);
    public sealed record EventDto(DateTimeOffset At, string? User, string Kind, string? FromStatus, string? ToStatus, string? Note);
    public sealed record CaseTaskDto(Guid Id, string Title, string? AssigneeUser, string? AssigneeRole, IReadOnlyList<OutcomeDto> Outcomes, DateTimeOffset? DueAt);
    public sealed record TicketDetailDto(TicketDto Ticket, IReadOnlyList<EventDto> History, IReadOnlyList<CaseTaskDto> OpenTasks, IReadOnlyList<Complaint> Complaints);
    public sealed record CheckInBody(string? Location, bool Remote = false, double? Latitude = null, double? Longitude = null, double? Accuracy = null)
    {
        public TicketActionService.Position? Position => Latitude is { } lat && Longitude is { } lon ? new(lat, lon, Accuracy) : null;
    }
    public sealed record AcceptBody(string? Comment);
    public sealed record ResolveBody(string? Resolution, string? Parts, string? ConfirmedBy, bool AskVendor = false);
    public sealed record FeedbackBody(int Satisfaction, string? Comment);
    public sealed record ComplaintBody(string? Description, string? Category = "service", string? RequestKey = null, string? CityCode = null)
    {
        public ComplaintRequest ToRequest(string? key) => new(Description, Category, RequestKey ?? key, CityCode);
    }
    public sealed record RedispatchBody(string? TechnicianUser, string? Reason);
    public sealed record GradeBody(string? Grade, string? Reason);
    public sealed record RollBackBody(int ToVersion, string? Comment);
    public sealed record CallBody(string? Note);
    public sealed record MailTicketBody(Guid? UnitId);
    /// <summary>Audit search parameters; <c>from</c>/<c>to</c> are dates in China time (to inclusive).</summary>
    public sealed record AuditFilter(string? Kind, string? Id, string? User, string? Action, string? Text, DateOnly? From, DateOnly? To, int? Skip, int? Take)
    {
        public XinchuangFlow.Application.Audit.AuditQuery ToQuery() => XinchuangFlow.Application.Audit.AuditQuery.ForDays(Kind, Id, User, Action, Text, From, To);
    }
    public sealed record MailDismissBody(string? Reason);
    public sealed record PlatformBody(string? Name);

    public static IEndpointRouteBuilder MapTicketApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().WithTags("Tickets");

        api.MapPost("/tickets", async (NewTicket body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user,
            TicketIntakeService intake, CancellationToken ct) =>
        {
            var (ticket, duplicate) = await intake.CreateAsync(user.ToActor(), body, idempotencyKey, ct);
            return duplicate ? Results.Ok(ToDto(ticket)) : Results.Created($"/api/tickets/{ticket.Number}", ToDto(ticket));
        }).WithSummary("Records a request as a work order; the same Idempotency-Key (or requestKey) with the same request returns the first ticket with 200, with another request 422. "
            + "The entry decides the channel (a unit: portal, an API key: api, a desk: hotline, email or onsite) and, for a unit, the place (its own city and county).");

        api.MapGet("/tickets", async ([AsParameters] TicketFilter filter, ClaimsPrincipal user, CaseQueryService cases, CancellationToken ct) =>
        {
            var (items, total) = await cases.ListTicketsAsync(user.ToActor(), filter, ct);
            return Results.Ok(new { total, items = items.Select(ToDto) });
        }).WithSummary("Tickets in the caller's scope; skip ≥ 0, take 1–200 (400 otherwise).");

        api.MapGet("/tickets/{idOrNumber}", async (string idOrNumber, ClaimsPrincipal user, CaseQueryService cases, CancellationToken ct) =>
        {
            var d = await cases.GetTicketDetailAsync(user.ToActor(), idOrNumber, ct);
            return Results.Ok(new TicketDetailDto(ToDto(d.Ticket), d.History.Select(ToDto).ToList(), d.OpenTasks.Select(ToCaseTask).ToList(), d.Complaints));
        });

        api.MapPost("/tickets/{idOrNumber}/check-in", async (string idOrNumber, CheckInBody body, ClaimsPrincipal user, TicketActionService actions, CancellationToken ct) =>
            Results.Ok(ToDto(await actions.CheckInAsync(user.ToActor(), idOrNumber, body.Location, body.Remote, body.Position, ct))))
            .WithSummary("The dispatched technician checks in (server time; optional browser position with accuracy). Repeating it changes nothing.");
        api.MapPost("/tickets/{idOrNumber}/accept", async (string idOrNumber, AcceptBody? body, ClaimsPrincipal user, TicketActionService actions, CancellationToken ct) =>
            Results.Ok(ToDto(await actions.AcceptAsync(user.ToActor(), idOrNumber, body?.Comment, ct))))
            .WithSummary("The dispatched technician accepts the ticket. Repeating it changes nothing.");
        api.MapPost("/tickets/{idOrNumber}/set-out", async (string idOrNumber, ClaimsPrincipal user, TicketActionService actions, CancellationToken ct) =>
            Results.Ok(ToDto(await actions.SetOutAsync(user.ToActor(), idOrNumber, ct))))
            .WithSummary("The dispatched technician sets out for the site. Repeating it changes nothing.");
        api.MapPost("/tickets/{idOrNumber}/resolve", async (string idOrNumber, ResolveBody body, ClaimsPrincipal user, TicketActionService actions, CancellationToken ct) =>
            Results.Ok(ToDto(await actions.ResolveAsync(user.ToActor(), idOrNumber, body.Resolution, body.Parts, body.ConfirmedBy, body.AskVendor, ct))))
            .WithSummary("The technician records the work and resolves, or asks the vendor for support (askVendor). Repeating it changes nothing.");

        api.MapGet("/tickets/{idOrNumber}/attachments", async (string idOrNumber, ClaimsPrincipal user, AttachmentService files, CancellationToken ct) =>
            Results.Ok(await files.ListAsync(user.ToActor(), idOrNumber, ct)));
        api.MapPost("/tickets/{idOrNumber}/attachments", async (string idOrNumber, HttpRequest request, ClaimsPrincipal user, AttachmentService files, CancellationToken ct) =>
        {
            // One file per request, as the raw body; its name in X-File-Name (URL-encoded).
            var name = Uri.UnescapeDataString(request.Headers["X-File-Name"].ToString());
            var info = await files.UploadAsync(user.ToActor(), idOrNumber, name, request.Body, ct);
            return Results.Ok(info);
        }).WithSummary("Adds a file (raw body, name in X-File-Name): PNG, JPEG, GIF, WebP, PDF or UTF-8 text, checked by content; the same file again returns the first.");
        api.MapGet("/tickets/{idOrNumber}/attachments/{id:guid}", async (string idOrNumber, Guid id, ClaimsPrincipal user, AttachmentService files, HttpResponse response, CancellationToken ct) =>
        {
            var file = await files.GetAsync(user.ToActor(), idOrNumber, id, ct);
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
            return file.IsImage ? Results.File(file.Content, file.ContentType) : Results.File(file.Content, file.ContentType, file.FileName);
        }).WithSummary("A file of the ticket: images inline, others as a download.");

        api.MapPost("/tickets/{idOrNumber}/feedback", async (string idOrNumber, FeedbackBody body, ClaimsPrincipal user, TicketActionService actions, CancellationToken ct) =>
            Results.Ok(ToDto(await actions.FeedbackAsync(user.ToActor(), idOrNumber, body.Satisfaction, body.Comment, ct))));

        api.MapPost("/tickets/{idOrNumber}/complaints", async (string idOrNumber, ComplaintBody body, [FromHeader(Name = "Idempotency-Key")] string? key,
            ClaimsPrincipal user, TicketIntakeService intake, CancellationToken ct) =>
        {
            var (complaint, duplicate) = await intake.FileComplaintAsync(user.ToActor(), idOrNumber, body.ToRequest(key), ct);
            return duplicate ? Results.Ok(complaint) : Results.Created($"/api/complaints/{complaint.Id}", complaint);
        }).WithSummary("Files a complaint on a ticket at any time (FLOW-2).");

        api.MapPost("/complaints", async (ComplaintBody body, [FromHeader(Name = "Idempotency-Key")] string? key, ClaimsPrincipal user, TicketIntakeService intake, CancellationToken ct) =>
        {
            var (complaint, duplicate) = await intake.FileComplaintAsync(user.ToActor(), null, body.ToRequest(key), ct);
            return duplicate ? Results.Ok(complaint) : Results.Created($"/api/complaints/{complaint.Id}", complaint);
        });

        api.MapGet("/complaints/{id:guid}", async (Guid id, ClaimsPrincipal user, CaseQueryService cases, CancellationToken ct) =>
        {
            var c = await cases.GetComplaintAsync(user.ToActor(), id, ct);
            return Results.Ok(new { complaint = c.Complaint, history = c.History.Select(ToDto), openTasks = c.OpenTasks.Select(ToCaseTask) });
        });

        api.MapPost("/tickets/{idOrNumber}/redispatch", async (string idOrNumber, RedispatchBody body, ClaimsPrincipal user, TicketActionService actions, CancellationToken ct) =>
            Results.Ok(ToDto(await actions.RedispatchAsync(user.ToActor(), idOrNumber, body.TechnicianUser, body.Reason, ct))))
            .WithSummary("Manual re-dispatch with a reason (DSP-3); the new technician must hold a valid certificate.");

        api.MapPost("/tickets/{idOrNumber}/grade", async (string idOrNumber, GradeBody body, ClaimsPrincipal user, TicketActionService actions, CancellationToken ct) =>
            Results.Ok(ToDto(await actions.OverrideGradeAsync(user.ToActor(), idOrNumber, body.Grade, body.Reason, ct))))
            .WithSummary("An agent overrides the automatic grade with a reason (DSP-1); running clocks take the new targets.");

        api.MapGet("/hotline/units", async ([FromQuery] string? text, ClaimsPrincipal user, HotlineService hotline, CancellationToken ct) =>
            Results.Ok((await hotline.FindUnitsAsync(user.ToActor(), text, ct)).Select(u => new { u.Unit.Id, u.Unit.Name, u.Unit.CityCode, u.Unit.CountyCode, u.OpenTickets })))
            .WithSummary("Hotline desk (INT-2): units by any part of their name or by the caller's phone number, with their open tickets.");
        api.MapGet("/hotline/units/{id:guid}", async (Guid id, ClaimsPrincipal user, HotlineService hotline, CancellationToken ct) =>
        {
            var c = await hotline.ContextAsync(user.ToActor(), id, ct);
            return Results.Ok(new { c.Unit.Id, c.Unit.Name, c.Unit.CityCode, c.Unit.CountyCode, c.LastContactName, c.LastContactPhone, tickets = c.Tickets.Select(t => new { t.Number, t.Status, t.Title, t.CreatedAt }) });
        }).WithSummary("A caller's unit: its tickets (open first) and the contact of its last request.");
        api.MapPost("/tickets/{idOrNumber}/calls", async (string idOrNumber, CallBody body, ClaimsPrincipal user, HotlineService hotline, CancellationToken ct) =>
        {
            await hotline.LinkCallAsync(user.ToActor(), idOrNumber, body.Note, ct);
            return Results.NoContent();
        }).WithSummary("A repeated call about an open ticket: a line in its history, no new ticket.");
        api.MapGet("/mailbox", async ([FromQuery] string? outcome, [FromQuery] int? skip, [FromQuery] int? take, ClaimsPrincipal user,
            XinchuangFlow.Application.Mail.MailboxService mailbox, CancellationToken ct) =>
        {
            var (items, total) = await mailbox.ListAsync(user.ToActor(), outcome, skip, take, ct);
            return Results.Ok(new { total, items = items.Select(ToDto) });
        }).WithSummary("The service mailbox (INT-3): every mail received and what became of it; ?outcome=triage is the desk's queue (dispatchers, Data Bureau).");
        api.MapGet("/mailbox/{id:guid}", async (Guid id, ClaimsPrincipal user, XinchuangFlow.Application.Mail.MailboxService mailbox, CancellationToken ct) =>
            Results.Ok(ToDto(await mailbox.GetAsync(user.ToActor(), id, ct))))
            .WithSummary("One mail with its text; another integrator's mail is a 404.");
        api.MapPost("/mailbox/{id:guid}/ticket", async (Guid id, MailTicketBody body, ClaimsPrincipal user, XinchuangFlow.Application.Mail.MailboxService mailbox, CancellationToken ct) =>
            Results.Ok(ToDto(await mailbox.FileAsTicketAsync(user.ToActor(), id, body.UnitId, ct))))
            .WithSummary("Files a mail waiting for triage as a ticket of the unit named (channel email); the sender is answered with the number. 409 when it was handled meanwhile.");
        api.MapPost("/mailbox/{id:guid}/dismiss", async (Guid id, MailDismissBody body, ClaimsPrincipal user, XinchuangFlow.Application.Mail.MailboxService mailbox, CancellationToken ct) =>
            Results.Ok(ToDto(await mailbox.DismissAsync(user.ToActor(), id, body.Reason, ct))))
            .WithSummary("Sets a mail waiting for triage aside with a reason (it stays in the log).");
        api.MapGet("/audit", async ([AsParameters] AuditFilter filter, ClaimsPrincipal user, XinchuangFlow.Application.Audit.AuditService audit, CancellationToken ct) =>
        {
            var (items, total) = await audit.SearchAsync(user.ToActor(), filter.ToQuery(), filter.Skip, filter.Take, ct);
            return Results.Ok(new { total, items });
        }).WithSummary("The audit trail (SEC-3, Data Bureau and supervisors): every change — definitions, rules, each ticket and complaint action, keys, the mailbox's triage — newest first; filter by kind, id, user, action, text, period (China time).");
        api.MapGet("/audit/export", async ([AsParameters] AuditFilter filter, ClaimsPrincipal user, XinchuangFlow.Application.Audit.AuditService audit, CancellationToken ct) =>
            Results.File(await audit.ExportCsvAsync(user.ToActor(), filter.ToQuery(), ct), "text/csv; charset=utf-8", $"audit-{DateTime.UtcNow:yyyyMMddHHmm}.csv"))
            .WithSummary("The matching audit lines as CSV (UTF-8), oldest first, with each line's seal order and SM3 hash.");
        api.MapPost("/audit/verify", async (ClaimsPrincipal user, XinchuangFlow.Application.Audit.AuditService audit, CancellationToken ct) =>
            Results.Ok(await audit.VerifyAsync(user.ToActor(), ct))).ReadsOnly()
            .WithSummary("Seals what is waiting and recomputes the SM3 chain from its first line: intact, or the first line changed, missing or out of place.");
        api.MapGet("/deliveries", async ([FromQuery] string? status, [FromQuery] int? skip, [FromQuery] int? take, ClaimsPrincipal user,
            XinchuangFlow.Application.Notifications.NotificationDeliveryService delivery, CancellationToken ct) =>
        {
            var (items, total) = await delivery.LogAsync(user.ToActor(), status, skip ?? 0, take ?? 50, ct);
            return Results.Ok(new { total, items = items.Select(d => new { d.Id, d.Channel, d.Recipient, d.Address, d.Subject, d.Status, d.Attempts, d.NextAttemptAt, d.LastError, d.CreatedAt, d.SentAt }) });
        }).WithSummary("The delivery log: every e-mail and SMS, its attempts and last error (administrators).");
        api.MapPost("/platforms", async (PlatformBody body, ClaimsPrincipal user, XinchuangFlow.Application.Platforms.PlatformKeyService keys, CancellationToken ct) =>
        {
            var (client, key) = await keys.IssueAsync(user.ToActor(), body.Name, ct);
            return Results.Ok(new { client.Id, client.Name, client.Prefix, key, note = "The key is shown once; it is stored only as a hash." });
        }).WithSummary("Issues an API key for another platform (Data Bureau); send it as X-Api-Key. Shown once.");
        api.MapGet("/platforms", async (ClaimsPrincipal user, XinchuangFlow.Application.Platforms.PlatformKeyService keys, CancellationToken ct) =>
            Results.Ok((await keys.ListAsync(user.ToActor(), ct)).Select(c => new { c.Id, c.Name, c.Prefix, c.CreatedAt, c.CreatedBy, c.RevokedAt, c.LastUsedAt })))
            .WithSummary("Other platforms' API keys (prefixes only), with when each was last used (Data Bureau).");
        api.MapPost("/platforms/{id:guid}/revoke", async (Guid id, ClaimsPrincipal user, XinchuangFlow.Application.Platforms.PlatformKeyService keys, CancellationToken ct) =>
        {
            await keys.RevokeAsync(user.ToActor(), id, ct);
            return Results.NoContent();
        }).WithSummary("Revokes a platform's API key at once.");
        api.MapGet("/rules", async (ClaimsPrincipal user, RuleService rules, CancellationToken ct) =>
            (await rules.ListAsync(user.ToActor(), ct)).Select(r => new { r.Kind, r.Scope, r.Version, r.UpdatedAt, r.UpdatedBy }));
        api.MapGet("/rules/{kind}/{scope}", async (string kind, string scope, ClaimsPrincipal user, RuleService rules, CancellationToken ct) =>
            Results.Ok(await rules.GetAsync(user.ToActor(), kind, scope, ct)));
        api.MapPut("/rules/{kind}/{scope}", async (string kind, string scope, HttpRequest request, [FromHeader(Name = "If-Match")] string? ifMatch,
            [FromQuery] string? comment, ClaimsPrincipal user, RuleService rules, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            var json = await reader.ReadToEndAsync(ct);
            var saved = await rules.SaveAsync(user.ToActor(), kind, scope, json, int.TryParse(ifMatch?.Trim('"'), out var v) ? v : null, comment, ct);
            return Results.Ok(new { saved.Kind, saved.Scope, saved.Version });
        }).WithSummary("Replaces the regional rules, or a city's overrides (only the fields it changes; merged field by field onto the regional set and checked merged); ?comment= is required; If-Match: the version you edited.");
        api.MapGet("/rules/{kind}/{scope}/effective", async (string kind, string scope, ClaimsPrincipal user, RuleService rules, CancellationToken ct) =>
        {
            var view = await rules.EditorAsync(user.ToActor(), kind, scope, ct);
            return Results.Ok(new { view.Kind, view.Scope, regionVersion = view.Region.Version, overridesVersion = view.Overrides?.Version, overrides = view.Overrides?.Json,
                effective = view.EffectiveJson, view.Differences });
        }).WithSummary("The regional set, the city's overrides, the merged (effective) set and the fields where the city differs.");
        api.MapGet("/rules/{kind}/{scope}/history", async (string kind, string scope, ClaimsPrincipal user, RuleService rules, CancellationToken ct) =>
            Results.Ok((await rules.HistoryAsync(user.ToActor(), kind, scope, ct)).Select(h => new { h.Version, h.At, h.User, h.Action, h.Comment, json = h.After })))
            .WithSummary("Every saved version, newest first: who, when, why and the document.");
        api.MapPost("/rules/{kind}/{scope}/rollback", async (string kind, string scope, RollBackBody body, ClaimsPrincipal user, RuleService rules, CancellationToken ct) =>
        {
            var saved = await rules.RollBackAsync(user.ToActor(), kind, scope, body.ToVersion, body.Comment, ct);
            return Results.Ok(new { saved.Kind, saved.Scope, saved.Version });
        }).WithSummary("Saves an earlier version again as a new version (audited).");
        api.MapPost("/rules/{kind}/{scope}/what-if", async (string kind, string scope, HttpRequest request, [FromQuery] DateTimeOffset? from, [FromQuery] DateTimeOffset? to,
            ClaimsPrincipal user, RuleService rules, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            var result = await rules.WhatIfAsync(user.ToActor(), kind, scope, await reader.ReadToEndAsync(ct), from, to, ct);
            return Results.Ok(WhatIfDto(result));
        }).ReadsOnly().WithSummary("What-if replay (BEY-1): the body is a proposed document as PUT takes it; the scope's tickets raised in [from, to) (default: the last quarter) are replayed under the rules in force and under the proposal. Writes nothing.");
        api.MapPost("/rules/sla/{scope}/calendar-import", async (string scope, HttpRequest request, ClaimsPrincipal user, RuleService rules, CancellationToken ct) =>
        {
            var imported = await rules.ReadCalendarFileAsync(user.ToActor(), scope, request.Body, ct);
            return Results.Ok(new { holidays = imported.Holidays, makeUpWorkdays = imported.MakeUpWorkdays, imported.Days, imported.SkippedTimedEvents, imported.SkippedOutsideRange });
        }).WithSummary("Reads an iCalendar (.ics) body into holidays and make-up working days (summary with 班 = make-up day) for the SLA editor; stores nothing — put them into the rules and save.");
        api.MapGet("/rules/sla/{city}/recompute", async (string city, ClaimsPrincipal user, RuleRecomputeService recompute, CancellationToken ct) =>
            Results.Ok((await recompute.PreviewAsync(user.ToActor(), city, ct)).Select(r => new
            {
                r.Number, r.Title, r.Grade,
                changes = r.Changes.Select(c => new { clock = TicketClocks.Name(c.Clock), oldTarget = c.OldTarget.ToString(), newTarget = c.NewTarget.ToString(), c.OldDeadline, c.NewDeadline }),
            })))
            .WithSummary("Preview: the city's open clocks whose target or deadline the rules in force would change.");
        api.MapPost("/rules/sla/{city}/recompute", async (string city, [FromQuery] string? comment, ClaimsPrincipal user, RuleRecomputeService recompute, CancellationToken ct) =>
            Results.Ok(new { recomputed = await recompute.RecomputeAsync(user.ToActor(), city, comment, ct) }))
            .WithSummary("Gives the city's open clocks the targets of the rules in force (?comment= required); each ticket in its own flow's transaction, with a history line.");
        api.MapDelete("/rules/{kind}/{scope}/overrides/{path}", async (string kind, string scope, string path, [FromQuery] string? comment, ClaimsPrincipal user,
            RuleService rules, CancellationToken ct) =>
        {
            var saved = await rules.RemoveOverrideAsync(user.ToActor(), kind, scope, path, comment, ct);
            return Results.Ok(new { saved.Kind, saved.Scope, saved.Version });
        }).WithSummary("Takes one override away (e.g. onSite.sameCity): the city follows the regional value again.");
        return app;
    }

    private static object ToDto(XinchuangFlow.Application.Mail.MailRecord m) => new
    {
        m.Id, m.MessageId, from = m.FromAddress, m.FromName, m.Subject, m.Size, m.Outcome, m.ReasonCode, m.Reason, m.TicketNumber, m.Text,
        m.ReceivedAt, m.ResolvedBy, m.ResolvedAt,
    };

    private static object WhatIfDto(WhatIfResult r)
    {
        static object Figures(ReplayFigures f) => new
        {
            clocks = f.Clocks.Select(c => new { clock = TicketClocks.Name(c.Kind), c.Started, c.OnTime, c.Breached, c.OnTimeShare }),
            escalationsByLevel = f.EscalationsByLevel.ToDictionary(p => p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p => p.Value),
            f.BreachedTickets,
        };
        static object Outcome(ReplayTicketOutcome o) => new
        {
            o.Grade, o.Breached,
            clocks = o.Clocks.Select(c => new { clock = TicketClocks.Name(c.Kind), target = c.Target.ToString(), used = c.Used.ToString(), c.Breached, c.Levels }),
        };
        var c = r.Comparison;
        return new
        {
            r.Kind, r.Scope, r.From, r.To, c.Tickets, c.AsOf, current = Figures(c.Current), proposed = Figures(c.Proposed), c.ChangedTotal,
            changed = c.Changed.Select(x => new { x.Number, x.Title, x.CityCode, current = Outcome(x.Current), proposed = Outcome(x.Proposed) }),
        };
    }

    private static EventDto ToDto(CaseEvent e) => new(e.At, e.User, e.Kind, e.FromStatus, e.ToStatus, e.Note);

    private static CaseTaskDto ToCaseTask(XinchuangFlow.Engine.Runtime.HumanTask t) =>
        new(t.Id, t.Title, t.AssigneeUser, t.AssigneeRole, t.Outcomes.Select(OutcomeDto.From).ToList(), t.DueAt);

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
                t.IsLate(c, now),
                c.Escalated)).ToList(), t.InstanceId,
            t.SetOutAt, t.CheckInLocation, t.CheckInLatitude, t.CheckInLongitude, t.CheckInAccuracy, t.PartsUsed, t.ConfirmedBy,
            t.ContactPhone, t.ContactEmail, t.Address, t.ProductVendor, t.ProductModel, t.SerialNumber, t.Cpu, t.Os, t.ProcurementUnitId);
    }
}
