using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Web.Tests;

/// <summary>The real clock moved on by <see cref="Offset"/>: what "half an hour later" looks like to the app (timers stay real).</summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}

/// <summary>The app with a clock the test moves, a small platform budget and a metrics token.</summary>
public sealed class SessionAppFactory : WebAppFactory
{
    public ShiftedClock Clock { get; } = new();
    public const string MetricsToken = "scrape-token-0123456789";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Limits:PlatformRequestsPerMinute", "5");
        builder.UseSetting("Telemetry:MetricsToken", MetricsToken);
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>
/// SEC-1 / SEC-4: what ends a session and what cannot — disabling, a password change and an administrator's reset end
/// bearer tokens, refresh tokens and cookies at once; refresh keeps the idle and absolute limits; no stranger can lock an
/// account and every failed sign-in looks the same; Identity's 2FA and reset endpoints are not there; forged API keys
/// spend no platform's budget; /metrics is for the configured scrapers only.
/// </summary>
public sealed class SessionTests(SessionAppFactory factory) : IClassFixture<SessionAppFactory>
{
    private const string Admin = "admin@xinchuang.local", AdminPassword = "Admin#2026xf", Own = "Session#2026pw";

    private static readonly JsonObject NewTicket = new()
    {
        ["contactName"] = "会话测试", ["contactPhone"] = "0771-5550199", ["cityCode"] = "4501", ["countyCode"] = "450103",
        ["productCategory"] = "terminal", ["impact"] = "single", ["title"] = "会话结束后不应受理", ["description"] = "测试",
    };

    /// <summary>An account the Data Bureau opened (a Nanning dispatcher of the platform's desk), its temporary password replaced.</summary>
    private async Task<string> OpenAccountAsync(HttpClient admin, string name)
    {
        var email = $"{name}@session.test";
        var created = await admin.PostAsJsonAsync("/api/users", new { email, displayName = "会话测试", role = "Dispatcher" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var temporary = (await created.Content.ReadFromJsonAsync<JsonObject>())!["temporaryPassword"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NoContent, (await factory.CreateClient().PostAsJsonAsync("/api/auth/password", new { email, currentPassword = temporary, newPassword = Own })).StatusCode);
        return email;
    }

    private async Task<(HttpClient Bearer, string Refresh, HttpClient Cookie)> SessionsAsync(string email)
    {
        var login = await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = Own });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var tokens = (await login.Content.ReadFromJsonAsync<JsonObject>())!;
        var bearer = factory.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens["accessToken"]!.GetValue<string>());
        var cookie = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await cookie.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email, password = Own })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/tickets?take=1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync("/api/tickets?take=1")).StatusCode);
        return (bearer, tokens["refreshToken"]!.GetValue<string>(), cookie);
    }

    private Task<HttpResponseMessage> RefreshAsync(string refresh) => factory.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = refresh });

    private async Task AssertEndedAsync(HttpClient bearer, string refresh, HttpClient cookie, string why)
    {
        Assert.True(HttpStatusCode.Unauthorized == (await bearer.GetAsync("/api/tickets?take=1")).StatusCode, $"{why}: the bearer token still works");
        Assert.True(HttpStatusCode.Unauthorized == (await cookie.GetAsync("/api/tickets?take=1")).StatusCode, $"{why}: the cookie still works");
        var refreshed = await RefreshAsync(refresh);
        Assert.True(HttpStatusCode.Unauthorized == refreshed.StatusCode, $"{why}: the refresh token still works");
        Assert.Equal("session-ended", (await refreshed.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
        // The browser's page: sent to sign in, the ended cookie gone.
        var page = await cookie.GetAsync("/inbox");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task DisablingAnAccount_EndsItsBearerRefreshAndCookieSessionsAtOnce_AndTheyDoNotComeBackWhenEnabled()
    {
        var admin = await factory.LoginAsync(Admin, AdminPassword);
        var email = await OpenAccountAsync(admin, "disabled");
        var (bearer, refresh, cookie) = await SessionsAsync(email);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/users/{email}/disable", null)).StatusCode);
        await AssertEndedAsync(bearer, refresh, cookie, "disabled");
        // A disabled user files nothing with the old token.
        var before = await CountTicketsByAsync(email);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.PostAsJsonAsync("/api/tickets", NewTicket)).StatusCode);
        Assert.Equal(before, await CountTicketsByAsync(email));

        // Enabled again: the old sessions stay ended, a new sign-in works.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/users/{email}/enable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/tickets?take=1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(refresh)).StatusCode);
        await SessionsAsync(email);
    }

    private async Task<int> CountTicketsByAsync(string email)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync();
        return await db.Tickets.CountAsync(t => t.CreatedBy == email);
    }

    [Fact]
    public async Task APasswordChange_AndAnAdministratorsReset_EndEverySessionOfTheAccount()
    {
        var admin = await factory.LoginAsync(Admin, AdminPassword);
        var email = await OpenAccountAsync(admin, "changed");
        var (bearer, refresh, cookie) = await SessionsAsync(email);
        const string next = "Changed#2026pw";
        Assert.Equal(HttpStatusCode.NoContent, (await factory.CreateClient().PostAsJsonAsync("/api/auth/password", new { email, currentPassword = Own, newPassword = next })).StatusCode);
        await AssertEndedAsync(bearer, refresh, cookie, "password changed");
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = next })).StatusCode);

        var reset = await OpenAccountAsync(admin, "reset");
        (bearer, refresh, cookie) = await SessionsAsync(reset);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/users/{reset}/reset-password", null)).StatusCode);
        await AssertEndedAsync(bearer, refresh, cookie, "reset by an administrator");
    }

    [Fact]
    public async Task RefreshTokens_KeepTheIdleAndTheAbsoluteLimits()
    {
        var admin = await factory.LoginAsync(Admin, AdminPassword);
        var email = await OpenAccountAsync(admin, "refresh");
        try
        {
            // Active: a refresh within the half hour gives new tokens, which work.
            var tokens = (await (await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = Own })).Content.ReadFromJsonAsync<JsonObject>())!;
            factory.Clock.Offset += TimeSpan.FromMinutes(20);
            var refreshed = await RefreshAsync(tokens["refreshToken"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
            tokens = (await refreshed.Content.ReadFromJsonAsync<JsonObject>())!;
            var client = factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens["accessToken"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tickets?take=1")).StatusCode);

            // Idle for more than half an hour: neither the token nor its refresh token works.
            factory.Clock.Offset += TimeSpan.FromMinutes(31);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/tickets?take=1")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(tokens["refreshToken"]!.GetValue<string>())).StatusCode);

            // Always active: refreshed every 25 minutes, the session still ends 12 hours after the sign-in.
            tokens = (await (await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = Own })).Content.ReadFromJsonAsync<JsonObject>())!;
            var signedIn = factory.Clock.GetUtcNow();
            HttpResponseMessage last;
            do
            {
                factory.Clock.Offset += TimeSpan.FromMinutes(25);
                last = await RefreshAsync(tokens["refreshToken"]!.GetValue<string>());
                if (last.IsSuccessStatusCode) tokens = (await last.Content.ReadFromJsonAsync<JsonObject>())!;
            } while (last.IsSuccessStatusCode && factory.Clock.GetUtcNow() - signedIn < TimeSpan.FromHours(13));
            Assert.Equal(HttpStatusCode.Unauthorized, last.StatusCode);
            var lasted = factory.Clock.GetUtcNow() - signedIn;
            Assert.True(lasted > TimeSpan.FromHours(11.5) && lasted <= TimeSpan.FromHours(12.5), $"the session lasted {lasted}");
            // The last token, still within its half hour, is refused too.
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens["accessToken"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/tickets?take=1")).StatusCode);
        }
        finally { factory.Clock.Offset = TimeSpan.Zero; }
    }

    [Fact]
    public async Task NoStrangerCanLockAnAccount_AndEveryFailedSignInLooksTheSame()
    {
        var admin = await factory.LoginAsync(Admin, AdminPassword);
        var email = await OpenAccountAsync(admin, "guessed");
        var disabled = await OpenAccountAsync(admin, "quiet");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/users/{disabled}/disable", null)).StatusCode);

        async Task<(HttpStatusCode, string)> AttemptAsync(string who, string password, string address)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email = who, password }) };
            request.Headers.Add(RemoteAddressFilter.Header, address);
            var response = await factory.CreateClient().SendAsync(request);
            var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            body.Remove("traceId");
            return (response.StatusCode, body.ToJsonString());
        }
        // Twenty wrong passwords from twenty addresses (a stranger spreading guesses).
        var wrong = new List<(HttpStatusCode, string)>();
        for (var i = 0; i < 20; i++) wrong.Add(await AttemptAsync(email, "Wrong#2026pw" + i, $"10.9.{i}.1"));
        Assert.All(wrong, w => Assert.Equal(HttpStatusCode.Unauthorized, w.Item1));
        // The owner still signs in, and the account is neither locked nor shown disabled.
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = Own })).StatusCode);
        var listed = (await admin.GetFromJsonAsync<JsonArray>("/api/users?text=guessed"))!;
        Assert.False(Assert.Single(listed)!["disabled"]!.GetValue<bool>());
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContextAsync())
        {
            var row = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == email);
            Assert.False(row.LockoutEnabled);
            Assert.Null(row.LockoutEnd);
        }

        // A wrong password, a disabled account (with its right password) and an unknown one: the same answer.
        var answers = new[]
        {
            await AttemptAsync(email, "Wrong#2026pw", "10.8.0.1"),
            await AttemptAsync(disabled, Own, "10.8.0.2"),
            await AttemptAsync("nobody@session.test", Own, "10.8.0.3"),
        };
        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Equal(HttpStatusCode.Unauthorized, answers[0].Item1);
        Assert.Contains("invalid-credentials", answers[0].Item2);
    }

    [Fact]
    public async Task ADisabledAccount_IsNobodyToHandWorkToOrToMessage()
    {
        // Reassign, escalation recipients, team lists and deliveries all find people through the user directory.
        var admin = await factory.LoginAsync(Admin, AdminPassword);
        var gone = await OpenAccountAsync(admin, "gone");
        var users = factory.Services.GetRequiredService<XinchuangFlow.Application.Access.IUserDirectory>();
        Assert.NotNull(await users.FindAsync(gone));
        Assert.Contains(await users.TeamAsync("Dispatcher", null, null, null, 500), u => u.UserName == gone);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/users/{gone}/disable", null)).StatusCode);
        Assert.Null(await users.FindAsync(gone));
        Assert.DoesNotContain(await users.TeamAsync("Dispatcher", null, null, null, 500), u => u.UserName == gone);
        Assert.DoesNotContain(await users.SearchAsync("gone@", 50), u => u.UserName == gone);
        Assert.Empty(await users.ContactsAsync([gone]));
    }

    [Fact]
    public async Task TwoFactorAndIdentitysOwnAccountEndpoints_AreNotOffered()
    {
        var api = await factory.LoginAsync(Admin, AdminPassword);
        foreach (var path in new[] { "/api/auth/manage/2fa", "/api/auth/manage/info", "/api/auth/forgotPassword", "/api/auth/resetPassword", "/api/auth/register" })
            Assert.True((await api.PostAsJsonAsync(path, new { enable = true, email = Admin })).StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, path);
        var doc = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!["paths"]!.AsObject();
        var auth = doc.Select(p => p.Key).Where(p => p.StartsWith("/api/auth/")).Order().ToList();
        Assert.Equal(["/api/auth/login", "/api/auth/password", "/api/auth/refresh"], auth);
    }

    [Fact]
    public async Task ForgedApiKeys_SpendNoPlatformsBudget_AndAKeyWithAPersonsTokenIsRefused()
    {
        var admin = await factory.LoginAsync(Admin, AdminPassword);
        var issued = (await (await admin.PostAsJsonAsync("/api/platforms", new { name = "预算测试平台" })).Content.ReadFromJsonAsync<JsonObject>())!;
        var key = issued["key"]!.GetValue<string>();
        async Task<HttpStatusCode> WithKeyAsync(string k, bool withBearer = false)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/product-categories");
            request.Headers.Add("X-Api-Key", k);
            if (withBearer) request.Headers.Authorization = admin.DefaultRequestHeaders.Authorization;
            return (await factory.CreateClient().SendAsync(request)).StatusCode;
        }
        // Forged keys with the real key's visible prefix: refused, twenty times, spending nothing.
        for (var i = 0; i < 20; i++) Assert.Equal(HttpStatusCode.Unauthorized, await WithKeyAsync(key[..12] + new string((char)('a' + i % 26), key.Length - 12)));
        // The platform's own budget (5 a minute here) is whole.
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, await WithKeyAsync(key));
        Assert.Equal(HttpStatusCode.TooManyRequests, await WithKeyAsync(key));
        // A key together with a person's token is ambiguous.
        Assert.Equal(HttpStatusCode.Unauthorized, await WithKeyAsync(key, withBearer: true));
    }

    [Fact]
    public async Task Metrics_AreServedToConfiguredScrapersOnly_AndTheShippedProxyDoesNotForwardThem()
    {
        async Task<HttpResponseMessage> ScrapeAsync(string address, string? token)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            request.Headers.Add(RemoteAddressFilter.Header, address);
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return await factory.CreateClient().SendAsync(request);
        }
        var local = await ScrapeAsync("127.0.0.1", null);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Contains("# TYPE", await local.Content.ReadAsStringAsync());
        var stranger = await ScrapeAsync("10.20.30.40", null);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.DoesNotContain("# TYPE", await stranger.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await ScrapeAsync("10.20.30.40", "wrong-token-0123456789")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ScrapeAsync("10.20.30.40", SessionAppFactory.MetricsToken)).StatusCode);
        Assert.Contains(factory.Logs.Lines, l => l.Message.Contains("Refused /metrics to 10.20.30.40"));

        // deploy/nginx.conf answers /metrics itself and never passes it to a node.
        var root = XinchuangFlow.Web.HostPaths.FindRepositoryRoot()!;
        var nginx = await File.ReadAllTextAsync(Path.Combine(root, "deploy", "nginx.conf"));
        var block = System.Text.RegularExpressions.Regex.Match(nginx, @"location\s+(=\s*)?/metrics\s*\{([^}]*)\}");
        Assert.True(block.Success, "nginx.conf has no location for /metrics");
        Assert.DoesNotContain("proxy_pass", block.Groups[2].Value);
        Assert.Contains("return 404", block.Groups[2].Value);
    }
}
