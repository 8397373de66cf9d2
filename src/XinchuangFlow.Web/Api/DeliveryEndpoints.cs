using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Api;

/// <summary>The e-mail and SMS delivery log.</summary>
public static class DeliveryEndpoints
{
    public static RouteGroupBuilder MapDeliveries(this RouteGroupBuilder api)
    {
        api.MapGet("/deliveries", async ([FromQuery] string? status, [FromQuery] int? skip, [FromQuery] int? take, ClaimsPrincipal user,
            XinchuangFlow.Application.Notifications.NotificationDeliveryService delivery, CancellationToken ct) =>
        {
            var (items, total) = await delivery.LogAsync(user.ToActor(), status, skip ?? 0, take ?? 50, ct);
            return Results.Ok(new { total, items = items.Select(d => new { d.Id, d.Channel, d.Recipient, d.Address, d.Subject, d.Status, d.Attempts, d.NextAttemptAt, d.LastError, d.CreatedAt, d.SentAt }) });
        }).WithSummary("The delivery log: every e-mail and SMS, its attempts and last error (administrators).");
        return api;
    }
}
