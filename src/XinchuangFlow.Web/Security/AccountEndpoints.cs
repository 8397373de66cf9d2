using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Web.Security;

/// <summary>Cookie login/logout for the Blazor UI and the language switch.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // Form binding makes the antiforgery check mandatory: a post without the form's token is refused (400).
        app.MapPost("/account/login", async ([FromForm] LoginForm form, HttpContext http, SignInManager<AppUser> signIn, LoginThrottle throttle) =>
        {
            var email = form.Email ?? "";
            var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            if (throttle.RetryAfter(email, address) is { } wait)
                return Results.Redirect($"/login?error=throttled&wait={(int)Math.Ceiling(wait.TotalSeconds)}");
            var result = await signIn.PasswordSignInAsync(email, form.Password ?? "", isPersistent: false, lockoutOnFailure: false);
            if (!result.Succeeded)
            {
                throttle.Failed(email, address);
                return Results.Redirect("/login?error=invalid");
            }
            throttle.Succeeded(email, address);
            return Results.Redirect(LocalOnly(form.ReturnUrl));
        });

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
            return Results.Redirect(LocalOnly(redirectUri));
        });
        return app;
    }

    /// <summary>The form the login page posts.</summary>
    public sealed class LoginForm
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
        public string? ReturnUrl { get; set; }
    }

    /// <summary>
    /// A path on this site, or "/": rejects absolute URLs, protocol-relative ("//host") and backslash forms ("/\host")
    /// that browsers treat as another host, and control characters.
    /// </summary>
    public static string LocalOnly(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/') return "/";
        if (url.Length > 1 && (url[1] == '/' || url[1] == '\\')) return "/";
        if (url.Any(c => char.IsControl(c) || c == '\\')) return "/";
        return url.Length > 2000 ? "/" : url;
    }
}
