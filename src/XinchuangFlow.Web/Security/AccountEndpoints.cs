using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Web.Security;

/// <summary>Cookie login/logout for the Blazor UI and the language switch.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/login", async (HttpContext http, SignInManager<AppUser> signIn) =>
        {
            var form = await http.Request.ReadFormAsync();
            var result = await signIn.PasswordSignInAsync(form["email"].ToString(), form["password"].ToString(), isPersistent: false, lockoutOnFailure: true);
            var returnUrl = form["returnUrl"].ToString();
            if (!result.Succeeded)
                return Results.LocalRedirect($"/login?error={(result.IsLockedOut ? "locked" : "invalid")}");
            return Results.LocalRedirect(Uri.IsWellFormedUriString(returnUrl, UriKind.Relative) && returnUrl.StartsWith('/') ? returnUrl : "/");
        }).RequireRateLimiting("login");

        app.MapPost("/account/logout", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/login");
        });

        app.MapGet("/culture/set", (string culture, string? redirectUri, HttpContext http) =>
        {
            if (WebSetup.Cultures.Any(c => c.Name == culture))
                http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(redirectUri is { Length: > 0 } r && r.StartsWith('/') && !r.StartsWith("//") ? r : "/");
        });
        return app;
    }
}
