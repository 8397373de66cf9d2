using System.Net;
using System.Net.Http.Json;

namespace XinchuangFlow.Web.Tests;

/// <summary>The app with a login limit of three attempts a minute per address.</summary>
public sealed class ThrottledAppFactory : WebAppFactory
{
    protected override int LoginPermitsPerMinute => 3;
}

/// <summary>SEC-4: the public login endpoint is rate-limited, so passwords cannot be tried at speed.</summary>
public class RateLimitTests(ThrottledAppFactory factory) : IClassFixture<ThrottledAppFactory>
{
    [Fact]
    public async Task Login_BeyondTheLimit_Gets429()
    {
        var client = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await client.PostAsJsonAsync("/api/auth/login", new { email = "admin@xinchuang.local", password = "guess-" + i })).StatusCode);
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], statuses.Take(3));
        Assert.All(statuses.Skip(3), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }
}
