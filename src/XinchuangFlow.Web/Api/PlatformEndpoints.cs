using System.Security.Claims;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Api;

/// <summary>Other platforms' API keys (INT-4).</summary>
public static class PlatformEndpoints
{
    /// <param name="Name">The platform the key is for.</param>
    /// <param name="EnterpriseId">For an enterprise's own service platform: it reports that enterprise's service data (DAT-2) and nothing else.</param>
    public sealed record PlatformBody(string? Name, Guid? EnterpriseId = null);

    public static RouteGroupBuilder MapPlatforms(this RouteGroupBuilder api)
    {
        api.MapPost("/platforms", async (PlatformBody body, ClaimsPrincipal user, XinchuangFlow.Application.Platforms.PlatformKeyService keys, CancellationToken ct) =>
        {
            var (client, key) = await keys.IssueAsync(user.ToActor(), body.Name, body.EnterpriseId, ct);
            return Results.Ok(new { client.Id, client.Name, client.Prefix, client.EnterpriseId, key, note = "The key is shown once; it is stored only as a hash." });
        }).WithSummary("Issues an API key for another platform (Data Bureau); send it as X-Api-Key. Shown once.");
        api.MapGet("/platforms", async (ClaimsPrincipal user, XinchuangFlow.Application.Platforms.PlatformKeyService keys, CancellationToken ct) =>
            Results.Ok((await keys.ListAsync(user.ToActor(), ct)).Select(c => new { c.Id, c.Name, c.Prefix, c.EnterpriseId, c.CreatedAt, c.CreatedBy, c.RevokedAt, c.LastUsedAt })))
            .WithSummary("Other platforms' API keys (prefixes only), with when each was last used (Data Bureau).");
        api.MapPost("/platforms/{id:guid}/revoke", async (Guid id, ClaimsPrincipal user, XinchuangFlow.Application.Platforms.PlatformKeyService keys, CancellationToken ct) =>
        {
            await keys.RevokeAsync(user.ToActor(), id, ct);
            return Results.NoContent();
        }).WithSummary("Revokes a platform's API key at once.");
        return api;
    }
}
