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
        app.MapPost("/account/login", async ([FromForm] LoginForm form, HttpContext http, AccountService accounts) =>
        {
            var email = form.Email ?? "";
            var (outcome, wait) = await accounts.SignInAsync(email, form.Password ?? "", Address(http), IdentityConstants.ApplicationScheme);
            return outcome switch
            {
                SignInOutcome.SignedIn => Results.Redirect(LocalOnly(form.ReturnUrl)),
                SignInOutcome.Throttled => Results.Redirect(LoginPage(email, "throttled", form.ReturnUrl) + $"&wait={(int)Math.Ceiling(wait!.Value.TotalSeconds)}"),
                SignInOutcome.PasswordExpired => Results.Redirect(PasswordPage(email, "expired", form.ReturnUrl)),
                _ => Results.Redirect(LoginPage(email, "invalid", form.ReturnUrl)),
            };
        });

        // The form's address opened in the browser (a bookmark, a typed URL) leads to the sign-in page, not to a bare 404.
        app.MapGet("/account/login", (string? returnUrl) =>
            Results.Redirect(returnUrl is { Length: > 0 } ? $"/login?returnUrl={Uri.EscapeDataString(LocalOnly(returnUrl))}" : "/login")).AllowAnonymous();

        // The password form (also where an expired password leads): the current password proves who is changing it.
        app.MapPost("/account/password", async ([FromForm] PasswordForm form, HttpContext http, AccountService accounts) =>
        {
            var email = form.Email ?? "";
            var (outcome, _, _) = await accounts.ChangeAsync(email, form.Current ?? "", form.Password ?? "", form.Confirm ?? "", Address(http));
            if (outcome != PasswordChangeOutcome.Changed) return Results.Redirect(PasswordPage(email, outcome.ToString().ToLowerInvariant(), form.ReturnUrl));
            await accounts.SignInWithCookieAsync(email);
            return Results.Redirect(LocalOnly(form.ReturnUrl));
        }).RequireRateLimiting("login");

        // API sign-in: a bearer token (30 minutes, Security:SessionIdleMinutes) with a refresh token of the same life, or the
        // browser's cookie with ?useCookies=true. Identity's own endpoint set (register, 2FA, password reset, account info)
        // is not mapped: accounts come from the Data Bureau, passwords change only here, and 2FA is not offered.
        app.MapPost("/api/auth/login", async (ApiLogin body, [FromQuery] bool? useCookies, HttpContext http, AccountService accounts) =>
        {
            var (outcome, wait) = await accounts.SignInAsync(body.Email ?? "", body.Password ?? "", Address(http),
                useCookies == true ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme, "API");
            return outcome switch
            {
                // The token response was written by the sign-in itself (a cookie sign-in writes only the header).
                SignInOutcome.SignedIn => Results.Empty,
                SignInOutcome.Throttled => Throttled(http, wait!.Value),
                SignInOutcome.PasswordExpired => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "The password has expired.",
                    detail: $"Passwords must be changed every {accounts.MaxAgeDays} days: POST /api/auth/password, then sign in again.",
                    extensions: new Dictionary<string, object?> { ["code"] = "password-expired" }),
                _ => InvalidCredentials(),
            };
        }).AllowAnonymous().RequireRateLimiting("login").WithTags("Auth")
          .WithSummary("Signs in with e-mail and password: a bearer token and a refresh token, each valid for 30 minutes (?useCookies=true: the browser's cookie). "
                       + "A wrong password, a disabled and an unknown account get the same 401; repeated failures are slowed (429 with Retry-After), never locked.");

        app.MapPost("/api/auth/refresh", async (ApiRefresh body, AccountService accounts, CancellationToken ct) =>
            await accounts.RefreshAsync(body.RefreshToken, ct) is { } principal
                ? Results.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme)
                : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The session has ended; sign in again.",
                    extensions: new Dictionary<string, object?> { ["code"] = "session-ended" }))
          .AllowAnonymous().RequireRateLimiting("login").WithTags("Auth")
          .WithSummary("A new bearer token for a refresh token while the session stands: within 30 minutes of the last token, at most 12 hours after the sign-in, "
                       + "the account enabled and its password unchanged. Otherwise 401 session-ended.");

        // The same for API clients (and the way out of a 403 password-expired).
        app.MapPost("/api/auth/password", async (PasswordChange body, HttpContext http, AccountService accounts) =>
        {
            var (outcome, problems, wait) = await accounts.ChangeAsync(body.Email ?? "", body.CurrentPassword ?? "", body.NewPassword ?? "", body.NewPassword ?? "", Address(http));
            return outcome switch
            {
                PasswordChangeOutcome.Changed => Results.NoContent(),
                PasswordChangeOutcome.Invalid => InvalidCredentials(),
                PasswordChangeOutcome.Throttled => Throttled(http, wait!.Value),
                PasswordChangeOutcome.SameAsBefore => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The new password must differ from the current one and the one before it.",
                    extensions: new Dictionary<string, object?> { ["code"] = "password-reused" }),
                _ => Results.Problem(statusCode: StatusCodes.Status400BadRequest,
                    title: "The new password needs at least 10 characters with upper and lower case letters, digits and symbols.",
                    extensions: new Dictionary<string, object?> { ["code"] = "weak-password", ["errors"] = problems }),
            };
        }).AllowAnonymous().RequireRateLimiting("login").WithTags("Auth")
          .WithSummary("Changes a password with the current one (also an expired one); passwords expire after Security:PasswordMaxAgeDays.");

        app.MapPost("/account/logout", async (SignInManager<AppUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/login");
        });

        app.MapGet("/culture/set", async (string culture, string? redirectUri, HttpContext http, TimeProvider clock, XinchuangFlow.Application.Access.IUserDirectory users) =>
        {
            if (WebSetup.Cultures.Any(c => c.Name == culture))
            {
                http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { Expires = clock.GetUtcNow().AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax });
                // Signed in: the messages sent to the user (e-mail, SMS) follow the language they chose.
                if (http.User.Identity is { IsAuthenticated: true, Name: { } name }) await users.SetLanguageAsync(name, culture);
            }
            return Results.Redirect(LocalOnly(redirectUri));
        });
        return app;
    }

    private static IResult InvalidCredentials() => Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Wrong e-mail or password.",
        extensions: new Dictionary<string, object?> { ["code"] = "invalid-credentials" });

    private static IResult Throttled(HttpContext http, TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests,
            title: $"Too many failed sign-ins for this account from your address; try again in {seconds} s.",
            extensions: new Dictionary<string, object?> { ["code"] = "throttled" });
    }

    /// <summary>An API client's sign-in.</summary>
    public sealed record ApiLogin(string? Email, string? Password);

    /// <summary>An API client's refresh.</summary>
    public sealed record ApiRefresh(string? RefreshToken);

    /// <summary>The client's address as the throttle and the audit trail key it.</summary>
    public static string Address(HttpContext http) => CircuitOriginHandler.Of(http.Connection.RemoteIpAddress) ?? "unknown";

    /// <summary>The sign-in page again after a refusal, with the login typed kept (the password never travels back).</summary>
    private static string LoginPage(string email, string error, string? returnUrl) =>
        $"/login?error={error}&email={Uri.EscapeDataString(email.Length > 256 ? "" : email)}&returnUrl={Uri.EscapeDataString(LocalOnly(returnUrl))}";

    private static string PasswordPage(string email, string error, string? returnUrl) =>
        $"/account/password?error={error}&email={Uri.EscapeDataString(email)}&returnUrl={Uri.EscapeDataString(LocalOnly(returnUrl))}";

    /// <summary>The form the password page posts.</summary>
    public sealed class PasswordForm
    {
        public string? Email { get; set; }
        public string? Current { get; set; }
        public string? Password { get; set; }
        public string? Confirm { get; set; }
        public string? ReturnUrl { get; set; }
    }

    /// <summary>An API client's password change.</summary>
    public sealed record PasswordChange(string? Email, string? CurrentPassword, string? NewPassword);

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
