using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;

namespace XinchuangFlow.Web.Tests;

/// <summary>The app with the production sign-in throttle, its first delay shortened so the test can wait it out.</summary>
public sealed class ThrottledAppFactory : WebAppFactory
{
    protected override void ConfigureLimits(IWebHostBuilder builder)
    {
        builder.UseSetting("Limits:Login:FreeFailuresPerAccountAndAddress", "5");
        builder.UseSetting("Limits:Login:FreeFailuresPerAccount", "10");
        builder.UseSetting("Limits:Login:BaseDelay", "00:00:01");
    }
}

/// <summary>
/// SEC-4: guessing passwords is slowed down without handing attackers a denial of service — no per-address lock that
/// shuts out colleagues behind the same address, and no account lockout that a stranger can trigger.
/// </summary>
public class LoginThrottleTests(ThrottledAppFactory factory) : IClassFixture<ThrottledAppFactory>
{
    private Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/api/auth/login", new { email, password });

    [Fact]
    public async Task GuessingOneAccount_IsSlowedDown_OtherUsersAtTheSameAddressAreNot_AndTheOwnerIsNotLockedOut()
    {
        var client = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
            statuses.Add((await LoginAsync(client, "manager@xinchuang.local", "guess-" + i)).StatusCode);
        Assert.All(statuses.Take(5), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.All(statuses.Skip(5), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));   // the 5th failure started a delay
        var throttled = await LoginAsync(client, "manager@xinchuang.local", "Demo#2026xf");
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.True(int.Parse(throttled.Headers.RetryAfter!.ToString()) >= 1);

        // 25 failures from this address in all: a per-address limit would now shut everyone here out.
        for (var i = 0; i < 18; i++) await LoginAsync(client, $"nobody{i}@example.com", "wrong");
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, "unit@xinchuang.local", "Demo#2026xf")).StatusCode);

        // The guessed account is not locked: once the delay has passed, its owner signs in.
        await Task.Delay(TimeSpan.FromSeconds(int.Parse(throttled.Headers.RetryAfter!.ToString()) + 0.5));
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, "manager@xinchuang.local", "Demo#2026xf")).StatusCode);
    }

    [Fact]
    public async Task ASlowAttackFromManyAddresses_DoesNotKeepTheOwnerOutAtTheirOwnAddress()
    {
        const string owner = "integrator@xinchuang.local";
        async Task<HttpResponseMessage> FromAsync(string address, string password)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email = owner, password }) };
            request.Headers.Add(RemoteAddressFilter.Header, address);
            return await factory.CreateClient().SendAsync(request);
        }
        // The owner works from their office address.
        Assert.Equal(HttpStatusCode.OK, (await FromAsync("10.77.0.5", "Demo#2026xf")).StatusCode);
        // A stranger spreads wrong passwords over many addresses, enough to slow the account everywhere.
        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await FromAsync($"10.66.{i}.9", "Wrong#2026xf")).StatusCode);
        // …and keeps it up, each guess as soon as the account-wide delay (1 s, doubling) allows.
        for (var i = 10; i < 12; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(i == 10 ? 1.2 : 2.2));
            Assert.Equal(HttpStatusCode.Unauthorized, (await FromAsync($"10.66.{i}.9", "Wrong#2026xf")).StatusCode);
        }
        var elsewhere = await FromAsync("10.55.0.1", "Demo#2026xf");
        Assert.Equal(HttpStatusCode.TooManyRequests, elsewhere.StatusCode);       // a new address waits: distributed guessing stays slow
        // From the office, the owner signs in at once.
        Assert.Equal(HttpStatusCode.OK, (await FromAsync("10.77.0.5", "Demo#2026xf")).StatusCode);
    }
}
