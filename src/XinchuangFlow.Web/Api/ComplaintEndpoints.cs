using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using XinchuangFlow.Application.Tickets;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Api;

/// <summary>Complaints (FLOW-2), on a ticket or on their own.</summary>
public static class ComplaintEndpoints
{
    public sealed record ComplaintBody(string? Description, string? Category = "service", string? RequestKey = null, string? CityCode = null)
    {
        public ComplaintRequest ToRequest(string? key) => new(Description, Category, RequestKey ?? key, CityCode);
    }

    public static RouteGroupBuilder MapComplaints(this RouteGroupBuilder api)
    {
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
            return Results.Ok(new { complaint = c.Complaint, history = c.History.Select(EventDto.From), openTasks = c.OpenTasks.Select(CaseTaskDto.From) });
        });
        return api;
    }
}
