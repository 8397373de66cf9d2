using Microsoft.AspNetCore.Builder;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace XinchuangFlow.Web.Tests;

/// <summary>The real app on a throwaway SQLite file, with the shipped workflows imported and demo users seeded.</summary>
public class WebAppFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "xf-web-" + Guid.NewGuid().ToString("N"));

    /// <summary>Every log line the app wrote, for tests that prove a refusal was logged.</summary>
    public LogSink Logs { get; } = new();

    /// <summary>Which database the app runs on; the PostgreSQL factory overrides it.</summary>
    protected virtual (string Provider, string ConnectionString) Database() => ("Sqlite", $"Data Source={Path.Combine(_folder, "web.db")}");

    /// <summary>The SM4 key file (outside the database) that protects the data-protection key ring.</summary>
    protected virtual string KeyFile() => Path.Combine(_folder, "sm4.key");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment("Testing");
        var (provider, connection) = Database();
        builder.UseSetting("Database:Provider", provider);
        builder.UseSetting("ConnectionStrings:Default", connection);
        builder.UseSetting("Security:KeyFile", KeyFile());
        builder.ConfigureServices(services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs));
        // The test server has no socket: requests come from a proxy on loopback, or from the address a test names.
        builder.ConfigureServices(services => services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, RemoteAddressFilter>());
        builder.UseSetting("Engine:Scheduler", "false");
        ConfigureLimits(builder);
        builder.UseSetting("Limits:MaxRequestBodyBytes", "200000");
        builder.UseSetting("Limits:Attachments:MaxBytes", "250000");
        // A handful of demo tickets: enough to prove the seeding plays the flow, quick enough for every test class.
        builder.UseSetting("Seed:DemoTickets", "12");
        // The start's warm-up makes no test faster (each class starts its own app); StartupWarmUpTests runs it.
        builder.UseSetting("Hosting:WarmUp", WarmUp ? "true" : "false");
    }

    /// <summary>Whether the app warms up as it starts (<see cref="XinchuangFlow.Infrastructure.Hosting.StartupWarmUp"/>).</summary>
    protected virtual bool WarmUp => false;

    /// <summary>Generous by default so tests are not throttled; the login-throttle test sets its own.</summary>
    protected virtual void ConfigureLimits(IWebHostBuilder builder)
    {
        builder.UseSetting("Limits:LoginRequestsPerMinute", "100000");
        builder.UseSetting("Limits:Login:FreeFailuresPerAccountAndAddress", "1000");
        builder.UseSetting("Limits:Login:FreeFailuresPerAccount", "1000");
    }

    /// <summary>A client carrying a bearer token for <paramref name="email"/>.</summary>
    public async Task<HttpClient> LoginAsync(string email, string password)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}

/// <summary>Gives test requests a client address: loopback (a local reverse proxy), or <c>X-Test-Remote-Address</c>.</summary>
public sealed class RemoteAddressFilter : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    public const string Header = "X-Test-Remote-Address";

    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        app.Use((http, nextMiddleware) =>
        {
            http.Connection.RemoteIpAddress = http.Request.Headers.TryGetValue(Header, out var a) ? System.Net.IPAddress.Parse(a.ToString())
                : http.Connection.RemoteIpAddress ?? System.Net.IPAddress.Loopback;
            return nextMiddleware(http);
        });
        next(app);
    };
}

