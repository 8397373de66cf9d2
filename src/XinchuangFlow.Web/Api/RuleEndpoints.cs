using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using XinchuangFlow.Application.Rules;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Api;

/// <summary>Rule sets (SLA, grading, dispatch, escalation): read, edit, history, what-if, recompute.</summary>
public static class RuleEndpoints
{
    public sealed record RollBackBody(int ToVersion, string? Comment);

    public static RouteGroupBuilder MapRules(this RouteGroupBuilder api)
    {
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
        return api;
    }

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
}
