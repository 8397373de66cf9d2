using XinchuangFlow.Application.Knowledge;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Tickets;
using XinchuangFlow.Application.Tickets.Actions;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Api;

/// <summary>Work orders (FLOW-1, DSP-1/3): intake, the list, one ticket with its history, and the technician's and agents' actions.</summary>
public static class TicketEndpoints
{
    public sealed record CheckInBody(string? Location, bool Remote = false, double? Latitude = null, double? Longitude = null, double? Accuracy = null)
    {
        public TicketActionService.Position? Position => Latitude is { } lat && Longitude is { } lon ? new(lat, lon, Accuracy) : null;
    }
    public sealed record AcceptBody(string? Comment);
    public sealed record ResolveBody(string? Resolution, string? Parts, string? ConfirmedBy, bool AskVendor = false, List<string>? CitedArticles = null);
    public sealed record FeedbackBody(int Satisfaction, string? Comment);
    public sealed record RedispatchBody(string? TechnicianUser, string? Reason);
    public sealed record GradeBody(string? Grade, string? Reason);

    /// <summary>A ticket action the caller may run now, with its form (labels in the request's language).</summary>
    public sealed record TicketActionDto(string Key, string Title, IReadOnlyList<TicketActionFieldDto> Fields);
    public sealed record TicketActionFieldDto(string Name, string Type, string Label, bool Required, int MaxLength, IReadOnlyList<string> Options);

    public static RouteGroupBuilder MapTickets(this RouteGroupBuilder api)
    {
        // Clocks' remaining time is "now" by the platform's clock (a test's fake one too), never the wall clock.
        var clock = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<TimeProvider>();
        TicketDto Dto(XinchuangFlow.Domain.Tickets.Ticket t) => TicketDto.From(t, clock.GetUtcNow());
        api.MapPost("/tickets", async (NewTicket body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, [FromHeader(Name = "Prefer")] string? prefer,
            ClaimsPrincipal user, HttpResponse response, TicketIntakeService intake, KnowledgeSuggestionService knowledge, CancellationToken ct) =>
        {
            var actor = user.ToActor();
            var (ticket, duplicate) = await intake.CreateAsync(actor, body, idempotencyKey, ct);
            var answer = Dto(ticket);
            if (Preferences.ReturnMinimal(prefer)) response.Headers["Preference-Applied"] = "return=minimal";
            else answer = answer with { Suggestions = await knowledge.SuggestForAnswerAsync(actor, TicketText.Of(ticket), ct) };
            return duplicate ? Results.Ok(answer) : Results.Created($"/api/tickets/{ticket.Number}", answer);
        }).WithSummary("Records a request as a work order; the same Idempotency-Key (or requestKey) with the same request returns the first ticket with 200, with another request 422. "
            + "The entry decides the channel (a unit: portal, an API key: api, a desk: hotline, email or onsite) and, for a unit, the place (its own city and county). "
            + "The answer carries suggestions: knowledge articles the caller may read and similar resolved tickets — unless the request says "
            + "\"Prefer: return=minimal\" (RFC 7240): then the ticket alone, with \"Preference-Applied: return=minimal\", and no search is made for it.");

        api.MapGet("/tickets", async ([AsParameters] TicketFilter filter, ClaimsPrincipal user, CaseQueryService cases, CancellationToken ct) =>
        {
            var (items, total) = await cases.ListTicketsAsync(user.ToActor(), filter, ct);
            return Results.Ok(new { total, items = items.Select(Dto) });
        }).WithSummary("Tickets in the caller's scope; skip ≥ 0, take 1–200 (400 otherwise).");

        api.MapGet("/tickets/{idOrNumber}", async (string idOrNumber, ClaimsPrincipal user, CaseQueryService cases, CancellationToken ct) =>
        {
            var d = await cases.GetTicketDetailAsync(user.ToActor(), idOrNumber, ct);
            return Results.Ok(new TicketDetailDto(Dto(d.Ticket), d.History.Select(EventDto.From).ToList(), d.OpenTasks.Select(CaseTaskDto.From).ToList(), d.Complaints));
        });

        api.MapPost("/tickets/{idOrNumber}/check-in", async (string idOrNumber, CheckInBody body, ClaimsPrincipal user, TicketActionService actions, CancellationToken ct) =>
            Results.Ok(Dto(await actions.CheckInAsync(user.ToActor(), idOrNumber, body.Location, body.Remote, body.Position, ct))))
            .WithSummary("The dispatched technician checks in (server time; optional browser position with accuracy). Repeating it changes nothing.");
        api.MapPost("/tickets/{idOrNumber}/accept", async (string idOrNumber, AcceptBody? body, ClaimsPrincipal user, TicketActionService actions, CancellationToken ct) =>
            Results.Ok(Dto(await actions.AcceptAsync(user.ToActor(), idOrNumber, body?.Comment, ct))))
            .WithSummary("The dispatched technician accepts the ticket. Repeating it changes nothing.");
        api.MapPost("/tickets/{idOrNumber}/set-out", async (string idOrNumber, ClaimsPrincipal user, TicketActionService actions, CancellationToken ct) =>
            Results.Ok(Dto(await actions.SetOutAsync(user.ToActor(), idOrNumber, ct))))
            .WithSummary("The dispatched technician sets out for the site. Repeating it changes nothing.");
        api.MapPost("/tickets/{idOrNumber}/resolve", async (string idOrNumber, ResolveBody body, ClaimsPrincipal user, TicketActionService actions, CancellationToken ct) =>
            Results.Ok(Dto(await actions.ResolveAsync(user.ToActor(), idOrNumber, body.Resolution, body.Parts, body.ConfirmedBy, body.AskVendor, body.CitedArticles, ct))))
            .WithSummary("The technician records the work and resolves, citing published articles by number (citedArticles: [\"KB-000012\"]; an unknown one is refused), or asks the vendor for support (askVendor). Repeating it changes nothing.");

        api.MapPost("/tickets/{idOrNumber}/feedback", async (string idOrNumber, FeedbackBody body, ClaimsPrincipal user, TicketActionService actions, CancellationToken ct) =>
            Results.Ok(Dto(await actions.FeedbackAsync(user.ToActor(), idOrNumber, body.Satisfaction, body.Comment, ct))));

        api.MapPost("/tickets/{idOrNumber}/redispatch", async (string idOrNumber, RedispatchBody body, ClaimsPrincipal user, TicketActionService actions, CancellationToken ct) =>
            Results.Ok(Dto(await actions.RedispatchAsync(user.ToActor(), idOrNumber, body.TechnicianUser, body.Reason, ct))))
            .WithSummary("Manual re-dispatch with a reason (DSP-3); the new technician must hold a valid certificate.");

        api.MapPost("/tickets/{idOrNumber}/grade", async (string idOrNumber, GradeBody body, ClaimsPrincipal user, TicketActionService actions, CancellationToken ct) =>
            Results.Ok(Dto(await actions.OverrideGradeAsync(user.ToActor(), idOrNumber, body.Grade, body.Reason, ct))))
            .WithSummary("An agent overrides the automatic grade with a reason (DSP-1); running clocks take the new targets.");

        api.MapGet("/tickets/{idOrNumber}/actions", async (string idOrNumber, ClaimsPrincipal user, CaseQueryService cases, TicketActionService actions,
            IStringLocalizer<SharedResource> texts, CancellationToken ct) =>
        {
            var actor = user.ToActor();
            var offered = await actions.OfferedAsync(actor, await cases.GetTicketAsync(actor, idOrNumber, ct), ct);
            return Results.Ok(offered.Select(a => new TicketActionDto(a.Key, texts[a.TitleKey], a.Fields.Select(f =>
                new TicketActionFieldDto(f.Name, System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(f.Type.ToString()), texts[f.LabelKey], f.Required, f.Limit, f.Options)).ToList())));
        }).WithSummary("The ticket actions the caller may run on the ticket now, each with its key and form (field name, type, label, required, length limit, options).");
        api.MapPost("/tickets/{idOrNumber}/actions/{key}", async (string idOrNumber, string key, JsonObject? body, ClaimsPrincipal user, TicketActionService actions, CancellationToken ct) =>
            Results.Ok(Dto(await actions.RunAsync(user.ToActor(), idOrNumber, key, body, ct))))
            .WithSummary("Runs a ticket action by its key (redispatch, grade, set-out, … — GET …/actions lists those the caller may run now) with its form as a JSON "
                + "object of texts; the same rules as the action's own route. An unknown key is 404, an action not the caller's 403, one the ticket's state does not allow 409.");
        return api;
    }
}
