using Microsoft.AspNetCore.Authentication;

namespace XinchuangFlow.Web.Security;

/// <summary>
/// Settles a platform's API key before the rate limiter counts the request: a key together with a person's credentials
/// (a bearer token or the sign-in cookie) is ambiguous and refused; an unknown or revoked key is answered 401 at once and
/// spends no platform's budget; a valid key marks the request with its platform, whose budget the limiter then spends.
/// A key issued to an enterprise's own platform reaches the exchange API (<c>/api/exchange</c>) and nothing else.
/// </summary>
public sealed class PlatformKeyGate(RequestDelegate next)
{
    /// <summary>The <see cref="HttpContext.Items"/> key of the authenticated platform's user name.</summary>
    public const string PlatformItem = "xf:platform";

    public async Task InvokeAsync(HttpContext http)
    {
        if (!http.Request.Headers.ContainsKey(ApiKeyHandler.Header))
        {
            await next(http);
            return;
        }
        var log = http.RequestServices.GetRequiredService<ILogger<PlatformKeyGate>>();
        if (http.Request.Headers.Authorization.Count > 0 || http.Request.Cookies.ContainsKey(".AspNetCore.Identity.Application"))
        {
            log.LogWarning("Refused a request with both an API key and a person's credentials from {Address}", http.Connection.RemoteIpAddress);
            await RefuseAsync(http, "ambiguous-credentials", "Send either an API key or a person's credentials, not both.");
            return;
        }
        var result = await http.AuthenticateAsync(ApiKeyHandler.SchemeName);
        if (!result.Succeeded)
        {
            await RefuseAsync(http, "invalid-api-key", "The API key is unknown or revoked.");
            return;
        }
        // An enterprise's own platform reports its service data and does nothing else (DAT-2).
        var access = http.RequestServices.GetRequiredService<XinchuangFlow.Application.Access.AccessService>();
        if (!access.Reaches(result.Principal.ToActor(), http.Request.Path.Value ?? ""))
        {
            log.LogWarning("Refused {Path} to the enterprise platform {Platform}: its key reports service data only", http.Request.Path, result.Principal.Identity!.Name);
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await http.Response.WriteAsJsonAsync(new { status = 403, title = "This key reports service data only (/api/exchange).", code = "key-reports-only" },
                (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
            return;
        }
        http.Items[PlatformItem] = result.Principal.Identity!.Name;
        await next(http);
    }

    private static Task RefuseAsync(HttpContext http, string code, string title)
    {
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return http.Response.WriteAsJsonAsync(new { status = 401, title, code }, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }
}
