using System.Security.Claims;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Api;

/// <summary>User administration for the Data Bureau's administrators (SEC-1); every change is in the audit trail.</summary>
public static class UserEndpoints
{
    public sealed record NewUserBody(string? Email, string? DisplayName, string? Role, string? CityCode, Guid? EnterpriseId, Guid? UnitId);

    public static IEndpointRouteBuilder MapUserApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/users").RequireAuthorization().WithTags("Users");
        api.MapGet("", async (string? text, ClaimsPrincipal user, UserAdminService admin, CancellationToken ct) =>
            Results.Ok(await admin.ListAsync(user.ToActor(), text, ct)))
            .WithSummary("Accounts, by part of the login or name (at most 200), with role, tenant and whether disabled.");
        api.MapPost("", async (NewUserBody body, ClaimsPrincipal user, UserAdminService admin, CancellationToken ct) =>
        {
            var (account, temporary) = await admin.CreateAsync(user.ToActor(),
                new NewUserAccount(body.Email, body.DisplayName, body.Role, body.CityCode, body.EnterpriseId, body.UnitId), ct);
            return Results.Created($"/api/users/{Uri.EscapeDataString(account.UserName)}", new { account, temporaryPassword = temporary });
        }).WithSummary("Opens an account with a role and its tenant; answers a temporary password (shown once) that must be changed at the first sign-in.");
        api.MapPost("/{userName}/disable", async (string userName, ClaimsPrincipal user, UserAdminService admin, CancellationToken ct) =>
            Results.Ok(await admin.SetDisabledAsync(user.ToActor(), userName, true, ct)))
            .WithSummary("Disables an account: it can no longer sign in, and its sessions end.");
        api.MapPost("/{userName}/enable", async (string userName, ClaimsPrincipal user, UserAdminService admin, CancellationToken ct) =>
            Results.Ok(await admin.SetDisabledAsync(user.ToActor(), userName, false, ct)))
            .WithSummary("Enables a disabled account again.");
        api.MapPost("/{userName}/reset-password", async (string userName, ClaimsPrincipal user, UserAdminService admin, CancellationToken ct) =>
            Results.Ok(new { temporaryPassword = await admin.ResetPasswordAsync(user.ToActor(), userName, ct) }))
            .WithSummary("Gives a temporary password (shown once) that must be changed at the next sign-in.");
        return app;
    }
}
