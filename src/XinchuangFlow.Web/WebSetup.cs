using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Tickets;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Infrastructure;
using XinchuangFlow.Infrastructure.Hosting;
using XinchuangFlow.Infrastructure.Persistence;
using XinchuangFlow.Infrastructure.Security;
using XinchuangFlow.Web.Api;
using XinchuangFlow.Web.Components;
using XinchuangFlow.Web.Hosting;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web;

/// <summary>Composition root pieces, so Program.cs stays a few lines.</summary>
public static class WebSetup
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    public static WebApplicationBuilder AddXinchuangFlowWeb(this WebApplicationBuilder builder)
    {
        builder.AddXinchuangFlowInfrastructure(builder.Configuration.GetValue("Engine:Scheduler", true));
        var services = builder.Services;
        var config = builder.Configuration;
        var limits = config.GetSection("Limits");

        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.SectionName);
        services.AddHostedService<IdentitySeeder>();
        // Last of the start: the tables exist, the demo data is in; an app node listens once it is warm (PERF-3).
        services.AddSingleton<XinchuangFlow.Infrastructure.Hosting.StartupWarmUp>()
            .AddHostedService(sp => sp.GetRequiredService<XinchuangFlow.Infrastructure.Hosting.StartupWarmUp>());
        AddIdentity(services, config);
        AddSessions(services, config);
        AddAuthorization(services);

        services.AddOptions<LoginThrottleOptions>().BindConfiguration("Limits:Login");
        services.AddSingleton(limits.GetSection("Attachments").Get<AttachmentOptions>() ?? new());
        services.AddSingleton<LoginThrottle>();
        services.AddScoped<AccountService>();
        services.AddSingleton<IUserAccounts, IdentityUserAccounts>();
        AddRateLimits(services, limits);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = limits.GetValue<long>("MaxRequestBodyBytes", 1_048_576));

        AddSharedKeyRing(services);
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi(o => o.AddDocumentTransformer<OpenApiExamples>().AddOperationTransformer<ReadsOnlyTransformer>());
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        services.AddXfHealthChecks();
        AddTelemetry(services, config);
        AddLocalisation(services);
        AddUi(services);
        AddForwardedHeaders(services, config);
        return builder;
    }

    public static WebApplication UseXinchuangFlowWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseMiddleware<CallOriginMiddleware>();
        // Localisation first: the exception handler then runs inside the request's culture (problem titles).
        app.UseRequestLocalization();
        app.UseExceptionHandler();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<RequestSizeMiddleware>();
        app.UseMiddleware<NoAccessPageMiddleware>();
        // A page request that finds nothing (an unknown address) gets the app's own not-found page with its 404, not the
        // browser's bare one; the API, the metrics and anything that does not ask for a page keep their plain answer.
        // (Not in a UseWhen branch: a branch of the WebApplication has no routes to re-execute into.)
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use((http, next) =>
        {
            if (!IsPageRequest(http) && http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
            return next(http);
        });
        app.UseAuthentication();
        app.UseMiddleware<PlatformKeyGate>();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapOpenApi();
        app.MapXfHealth();
        // Metrics name routes, hosts and live counts: only the scrapers named in Telemetry:MetricsAllowedAddresses (loopback
        // by default) or holding Telemetry:MetricsToken get them; anyone else gets a 404 and a log line.
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/metrics"), branch => branch.UseMiddleware<MetricsGate>());
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapWorkflowApi();
        app.MapNetworkApi();
        app.MapNetworkAdminApi();
        app.MapCoverageApi();
        app.MapCaseApi();
        app.MapKnowledgeApi();
        app.MapExchangeApi();
        app.MapAssessmentApi();
        app.MapSupervisionApi();
        app.MapBuildOutApi();
        app.MapDashboardApi();
        app.MapUserApi();
        app.MapAccountEndpoints();
        app.MapStaticAssets();
        // Our own Content-Security-Policy (SecurityHeadersMiddleware) already forbids framing; Blazor need not add a second policy header.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }

    private static bool IsPageRequest(HttpContext http) =>
        (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        && !http.Request.Path.StartsWithSegments("/api") && !http.Request.Path.StartsWithSegments("/metrics") && !http.Request.Path.StartsWithSegments("/_framework")
        && http.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    private static void AddIdentity(IServiceCollection services, IConfiguration config)
    {
        // The Identity API endpoints are not mapped (Security/AccountEndpoints signs in); this registers the bearer scheme.
        services.AddIdentityApiEndpoints<AppUser>(o =>
            {
                // 等保 2.0: at least 10 characters with upper and lower case letters, digits and symbols.
                o.Password.RequiredLength = config.GetValue("Security:PasswordMinLength", 10);
                o.Password.RequireNonAlphanumeric = true;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                // No lockout, for any account: anyone who knows a login name could lock its owner out. LoginThrottle slows
                // guessing instead; disabling an account is the Data Bureau's (AppUser.DisabledAt), not a lockout.
                o.Lockout.AllowedForNewUsers = false;
                o.Lockout.MaxFailedAccessAttempts = int.MaxValue;
                o.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<XfDbContext>()
            .AddClaimsPrincipalFactory<XfClaimsFactory>();
        // Identity's stores want a scoped context; it comes from the same pooled factory the engine uses.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<XfDbContext>>().CreateDbContext());
    }

    private static void AddSessions(IServiceCollection services, IConfiguration config)
    {
        // Sessions end after a quiet half hour (Security:SessionIdleMinutes), for the browser cookie and for bearer tokens.
        var idle = TimeSpan.FromMinutes(config.GetValue("Security:SessionIdleMinutes", 30));
        // A refresh token lives as long as the access token: a client idle for longer signs in again. SessionGuard ends
        // every kind of session when the account is disabled or its password changes, and after Security:SessionAbsoluteHours.
        services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, o =>
        {
            o.BearerTokenExpiration = idle;
            o.RefreshTokenExpiration = idle;
            o.Events.OnMessageReceived = BearerSessionCheck.OnMessageReceivedAsync;
        });
        services.AddSingleton<SessionGuard>();
        services.ConfigureApplicationCookie(o =>
        {
            o.ExpireTimeSpan = idle;
            o.SlidingExpiration = true;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.LoginPath = "/login";
            // Instead of Identity's half-hourly stamp check: every request, through the guard's short cache; an ended
            // session's cookie is removed.
            o.Events.OnValidatePrincipal = async ctx =>
            {
                if (ctx.Principal is null || await ctx.HttpContext.RequestServices.GetRequiredService<SessionGuard>().IsCurrentAsync(ctx.Principal, ctx.HttpContext.RequestAborted)) return;
                ctx.RejectPrincipal();
                await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            };
            o.AccessDeniedPath = "/no-access";
            o.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                if (!ctx.Request.Path.StartsWithSegments("/api"))
                    ctx.HttpContext.RequestServices.GetRequiredService<AccessService>().PageRefused(ctx.HttpContext.User.ToActor(), ctx.Request.Path);
                return RedirectOrStatus(ctx, StatusCodes.Status403Forbidden);
            };
        });
    }

    /// <summary>The API answers a status; a page redirects (to the login or the no-access page).</summary>
    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api")) ctx.Response.StatusCode = status;
        else ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    private static void AddAuthorization(IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder(IdentityConstants.BearerScheme, IdentityConstants.ApplicationScheme, ApiKeyHandler.SchemeName)
                .RequireAuthenticatedUser().Build())
            .AddAccessPolicies(IdentityConstants.BearerScheme, IdentityConstants.ApplicationScheme, ApiKeyHandler.SchemeName);
        services.AddSingleton<IAuthorizationHandler, AccessRequirementHandler>();
        services.AddCascadingAuthenticationState();
    }

    private static void AddRateLimits(IServiceCollection services, IConfiguration limits) => services.AddRateLimiter(o =>
    {
        // A coarse flood guard on the sign-in endpoints (requests, not failures); LoginThrottle does the real work.
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        // Each platform has its own budget of requests per minute, spent only by requests its key authenticated
        // (PlatformKeyGate runs first: a forged or revoked key is answered 401 and spends nobody's budget).
        o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            http.Items[PlatformKeyGate.PlatformItem] is string platform
                ? RateLimitPartition.GetFixedWindowLimiter(platform, _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.GetValue("PlatformRequestsPerMinute", 600), Window = TimeSpan.FromMinutes(1) })
                : RateLimitPartition.GetNoLimiter("people"));
        o.AddPolicy("login", http => RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.GetValue("LoginRequestsPerMinute", 600), Window = TimeSpan.FromMinutes(1) }));
    });

    /// <summary>
    /// The key ring is shared by every node through the database (a token issued by one node is read by another), each
    /// key encrypted with SM4 under a key file outside the database (Security:KeyFile, registered by the infrastructure).
    /// </summary>
    private static void AddSharedKeyRing(IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("XinchuangFlow");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            o.XmlRepository = new EfXmlRepository(sp.GetRequiredService<IDbContextFactory<XfDbContext>>());
            o.XmlEncryptor = new Sm4XmlEncryptor(sp.GetRequiredService<Sm4Cipher>());
        }));
    }

    /// <summary>
    /// OpenTelemetry (OPS-4): the engine's and the platform's meters, HTTP and runtime metrics, scraped by Prometheus at
    /// /metrics; traces go to an OTLP collector only when one is configured (nothing leaves the node otherwise).
    /// </summary>
    private static void AddTelemetry(IServiceCollection services, IConfiguration config)
    {
        var otlp = config["Telemetry:OtlpEndpoint"];
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("xinchuangflow", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(m => m.AddMeter(EngineMetrics.MeterName, PlatformMetrics.MeterName)
                .AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddPrometheusExporter())
            .WithTracing(t =>
            {
                t.AddSource(EngineMetrics.MeterName).AddAspNetCoreInstrumentation();
                if (!string.IsNullOrWhiteSpace(otlp)) t.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
            });
    }

    private static void AddLocalisation(IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = o.SupportedUICultures = Cultures;
            // Chinese unless the user switches (cookie) or a client asks (?culture=en); a browser's Accept-Language is
            // deliberately not followed: the users' browsers are often set up in English, the users read Chinese.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        // Chinese text goes out as UTF-8 characters, not numeric entities.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
    }

    private static void AddUi(IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();
        services.AddScoped<PageAccess>();
        services.AddScoped<CircuitOriginHandler>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitOriginHandler>());
        services.AddMudServices();
        services.AddTransient<MudBlazor.MudLocalizer, XinchuangFlow.Web.Components.XfMudLocalizer>();
    }

    /// <summary>
    /// Behind nginx the client's address comes from X-Forwarded-For, believed from loopback and the proxies named in
    /// Security:TrustedProxies only (the audit trail and the login throttle use it).
    /// </summary>
    private static void AddForwardedHeaders(IServiceCollection services, IConfiguration config) => services.Configure<ForwardedHeadersOptions>(o =>
    {
        o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        foreach (var proxy in (config["Security:TrustedProxies"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
    });
}
