using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Web.Tests;

/// <summary>The settings a 等保 2.0 assessment checks: security headers on every answer, password rules, session lifetime.</summary>
public class SecurityHeaderTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    [Theory]
    [InlineData("/login")]
    [InlineData("/api/tasks")]
    [InlineData("/health")]
    public async Task EveryAnswer_CarriesTheSecurityHeaders(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", csp);                             // no inline script, no eval, nothing from elsewhere
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task APage_HoldsNoInlineScript_ThePolicyWouldRefuse_AndTheIconIsTheAppsOwn()
    {
        // script-src 'self' refuses every inline script (Blazor's import map was one, refused on every page).
        var html = await factory.CreateClient().GetStringAsync("/login");
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, @"<script\b[^>]*>", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.Matches(@"\bsrc=""[^""]+""", s.Value));
        Assert.DoesNotContain("importmap", html);

        var icon = await factory.CreateClient().GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        var bytes = await icon.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes[..4]);                      // an icon file, served by the app itself
        Assert.Contains("rel=\"icon\"", html);
    }

    [Fact]
    public async Task WeakPasswords_AreRefused_WithEveryRuleNamed()
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var result = await users.CreateAsync(new AppUser { UserName = "weak@test.local", Email = "weak@test.local" }, "abcdefg1");
        Assert.False(result.Succeeded);
        var codes = result.Errors.Select(e => e.Code).ToList();
        Assert.Contains("PasswordTooShort", codes);
        Assert.Contains("PasswordRequiresUpper", codes);
        Assert.Contains("PasswordRequiresNonAlphanumeric", codes);
        Assert.True((await users.CreateAsync(new AppUser { UserName = "strong@test.local", Email = "strong@test.local" }, "Strong#2026pw")).Succeeded);
    }

    [Fact]
    public async Task ABearerToken_LastsHalfAnHour_AndTheSessionCookieIsStrict()
    {
        var login = await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = "admin@xinchuang.local", password = "Admin#2026xf" });
        Assert.Equal(1800, (await login.Content.ReadFromJsonAsync<JsonObject>())!["expiresIn"]!.GetValue<long>());
        var cookie = await factory.CreateClient().PostAsJsonAsync("/api/auth/login?useCookies=true", new { email = "admin@xinchuang.local", password = "Admin#2026xf" });
        Assert.Equal(HttpStatusCode.OK, cookie.StatusCode);
        var set = cookie.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Identity.Application", StringComparison.Ordinal));
        Assert.Contains("samesite=strict", set, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", set, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnExpiredPassword_MustBeChangedBeforeAnythingElse_InTheBrowserAndTheApi_AndEachStepIsAudited()
    {
        const string email = "expiry@xinchuang.local", old = "Old#Pass2026x", fresh = "New#Pass2026y";
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "到期测试", PasswordChangedAt = DateTimeOffset.UtcNow.AddDays(-91) };
            Assert.True((await users.CreateAsync(user, old)).Succeeded);
        }
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        async Task<string> TokenOf(string path)
        {
            var page = await client.GetStringAsync(path);
            var input = System.Text.RegularExpressions.Regex.Match(page, "<input[^>]*__RequestVerificationToken[^>]*>").Value;
            return System.Text.RegularExpressions.Regex.Match(input, "value=\"([^\"]+)\"").Groups[1].Value;
        }

        // The browser: the right password leads to the password form, not into the platform.
        var login = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = old, ["returnUrl"] = "/inbox", ["__RequestVerificationToken"] = await TokenOf("/login"),
        }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.StartsWith("/account/password?error=expired", login.Headers.Location!.OriginalString);
        Assert.DoesNotContain(login.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith(".AspNetCore.Identity.Application"));
        var form = await client.GetStringAsync(login.Headers.Location!.OriginalString);
        Assert.Contains("已超过 90 天未修改", form);
        // The API: no token for an expired password.
        var api = await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = old });
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("password-expired", (await api.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());

        // Bad changes are refused with the reason, and change nothing.
        async Task<JsonObject> ChangeAsync(string current, string next, HttpStatusCode expected)
        {
            var r = await factory.CreateClient().PostAsJsonAsync("/api/auth/password", new { email, currentPassword = current, newPassword = next });
            Assert.Equal(expected, r.StatusCode);
            return r.StatusCode == HttpStatusCode.NoContent ? [] : (await r.Content.ReadFromJsonAsync<JsonObject>())!;
        }
        var weak = await ChangeAsync(old, "short", HttpStatusCode.BadRequest);
        Assert.Equal("weak-password", weak["code"]!.GetValue<string>());
        Assert.Contains("PasswordTooShort", weak["errors"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal("password-reused", (await ChangeAsync(old, old, HttpStatusCode.BadRequest))["code"]!.GetValue<string>());
        Assert.Equal("invalid-credentials", (await ChangeAsync("Wrong#Pass2026", fresh, HttpStatusCode.Unauthorized))["code"]!.GetValue<string>());

        // The form changes it and signs the browser in, on to where the user was going.
        var changed = await client.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["current"] = old, ["password"] = fresh, ["confirm"] = fresh, ["returnUrl"] = "/inbox",
            ["__RequestVerificationToken"] = await TokenOf(login.Headers.Location!.OriginalString),
        }));
        Assert.Equal("/inbox", changed.Headers.Location!.OriginalString);
        Assert.Contains(changed.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application"));
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = fresh })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = old })).StatusCode);
        // Identity's own way round the rules is closed.
        var signedIn = await factory.LoginAsync(email, fresh);
        Assert.True((await signedIn.PostAsJsonAsync("/api/auth/manage/info", new { oldPassword = fresh, newPassword = "Other#Pass2026z" })).StatusCode
            is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed);   // not mapped at all
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = "Other#Pass2026z" })).StatusCode);

        // Every step is in the audit trail, with where it came from.
        var admin = await factory.LoginAsync("admin@xinchuang.local", "Admin#2026xf");
        var lines = (await admin.GetFromJsonAsync<JsonObject>($"/api/audit?kind=user&id={email}&take=50"))!["items"]!.AsArray();
        var actions = lines.Select(l => l!["action"]!.GetValue<string>()).ToList();
        foreach (var action in new[] { "sign-in-refused", "change-password-failed", "change-password", "sign-in", "sign-in-failed" })
            Assert.Contains(action, actions);
        Assert.All(lines, l => Assert.Equal("127.0.0.1", l!["address"]!.GetValue<string>()));
        // What the platform says of a step is a code the audit page words in the reader's language: an expired password, not a temporary one.
        var refused = lines.Where(l => l!["action"]!.GetValue<string>() == "sign-in-refused").Select(l => l!["comment"]?.GetValue<string>() ?? "").ToList();
        Assert.Contains(refused, c => c.EndsWith(Application.Audit.AuditNotes.PasswordExpired, StringComparison.Ordinal));
        Assert.DoesNotContain(refused, c => c.Contains(Application.Audit.AuditNotes.PasswordTemporary, StringComparison.Ordinal));
        Assert.Contains(lines, l => l!["action"]!.GetValue<string>() == "change-password" && l["comment"]?.GetValue<string>() == Application.Audit.AuditNotes.SessionsEnded);
    }
}
