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
}
