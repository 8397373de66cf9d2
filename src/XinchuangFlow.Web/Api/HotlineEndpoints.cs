using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using XinchuangFlow.Application.Tickets;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Api;

/// <summary>The hotline desk (INT-2): callers' units and repeated calls.</summary>
public static class HotlineEndpoints
{
    public sealed record CallBody(string? Note);

    public static RouteGroupBuilder MapHotline(this RouteGroupBuilder api)
    {
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
        return api;
    }
}
