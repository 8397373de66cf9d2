using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace XinchuangFlow.EndToEnd.Tests;

/// <summary>
/// The whole app on Kestrel (a loopback port, a throwaway SQLite file) and Debian's Chromium driven by Playwright.
/// </summary>
public sealed class AppFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "xf-e2e-" + Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public static string Artifacts => Path.Combine(AppContext.BaseDirectory, "artifacts");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(_folder, "e2e.db")}");
        builder.UseSetting("Engine:Scheduler", "false");
        builder.UseSetting("Security:KeyFile", Path.Combine(_folder, "sm4.key"));
        builder.UseSetting("Seed:DemoTickets", "100");
        // Open pages re-check their session every 2 s (30 s in production), so a story can watch a disabled user's page end.
        builder.UseSetting("Security:CircuitCheckSeconds", "2");
    }

    public async Task InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1");
        Directory.CreateDirectory(Artifacts);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("XF_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>The input of a MudBlazor field by its test id (on the input, or on the field around it).</summary>
    public static ILocator Field(IPage page, string testId) =>
        page.Locator($":is(input,textarea)[data-testid='{testId}'], [data-testid='{testId}'] :is(input,textarea)").First;

    /// <summary>Waits until the page's circuit is live (buttons answer).</summary>
    public static Task WaitLiveAsync(IPage page) =>
        page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });

    /// <summary>
    /// Opens a MudBlazor select and picks the option with this exact text, then checks the select shows it. On a loaded
    /// machine the list can still be moving when the click lands (it once chose the neighbouring city), so a choice the
    /// select does not show is made again; a select that never shows it fails the test.
    /// </summary>
    public static async Task ChooseAsync(IPage page, ILocator select, string option)
    {
        for (var attempt = 1; ; attempt++)
        {
            await select.ClickAsync();
            var choice = page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true });
            await choice.ClickAsync();
            // The list closes before the next step, so its overlay cannot swallow the next click on a loaded machine.
            await choice.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
            var shown = "";
            for (var wait = 0; wait < 20 && shown != option; wait++)
            {
                if (wait > 0) await Task.Delay(100);
                shown = await ShownAsync(select);
            }
            if (shown == option) return;
            Assert.True(attempt < 3, $"The select shows '{shown}' after choosing '{option}' three times.");
        }
    }

    /// <summary>
    /// The text a MudBlazor select shows: the value of its read-only input while it shows an input, the text of the
    /// slot that replaces the input once a value is chosen (the test id moves with whichever is shown).
    /// </summary>
    private static Task<string> ShownAsync(ILocator select) => select.EvaluateAsync<string>("""
        e => {
            const control = e.closest('.mud-input-control') ?? e.querySelector('.mud-input-control') ?? e;
            const slot = [...control.querySelectorAll('.mud-select-input.mud-input-slot')].find(x => x.offsetParent !== null);
            return slot ? (slot.tagName === 'INPUT' ? slot.value : slot.textContent.trim()) : '';
        }
        """);

    /// <summary>A new browser page, signed in as <paramref name="email"/>.</summary>
    public async Task<IPage> SignedInPageAsync(string email = "admin@xinchuang.local", string password = "Admin#2026xf", BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } };
        options.BaseURL = BaseUrl;
        var context = await Browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/login**");
        await page.FillAsync("input[name=email]", email);
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("[data-testid=interactive]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        return page;
    }

    /// <summary>
    /// Collects what a page reports as going wrong, one line each: console errors, uncaught page errors, answers of 400 or
    /// more and requests that failed (a request cancelled by leaving the page excepted).
    /// </summary>
    public static List<string> WatchForErrors(IPage page)
    {
        var problems = new List<string>();
        void Add(string line) { lock (problems) problems.Add(line); }
        page.Console += (_, m) => { if (m.Type == "error") Add($"{page.Url} console: {m.Text}"); };
        page.PageError += (_, e) => Add($"{page.Url} page error: {e}");
        page.Response += (_, r) => { if (r.Status >= 400) Add($"{page.Url} {r.Request.Method} {r.Url} answered {r.Status}"); };
        page.RequestFailed += (_, r) => { if (r.Failure is not "net::ERR_ABORTED") Add($"{page.Url} {r.Method} {r.Url} failed: {r.Failure}"); };
        return problems;
    }

    /// <summary>An HTTP client on the running app with a bearer token for <paramref name="email"/>.</summary>
    public async Task<HttpClient> ApiAsync(string email = "admin@xinchuang.local", string password = "Admin#2026xf")
    {
        var api = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        var login = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(api, "/api/auth/login", new { email, password });
        var token = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>(login.Content))!["accessToken"]!.GetValue<string>();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return api;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
