using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MudBlazor.Services;
using XinchuangFlow.Infrastructure;
using XinchuangFlow.Infrastructure.Persistence;
using XinchuangFlow.Web.Api;
using XinchuangFlow.Web.Components;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web;

/// <summary>Composition root pieces, so Program.cs stays a few lines.</summary>
public static class WebSetup
{
    /// <summary>
    /// The health answer: "Healthy" alone when all is well (what load balancers and probes compare), otherwise the status
    /// and each check that is not healthy with its reason, as JSON, with status 503.
    /// </summary>
    private static Task WriteHealthAsync(HttpContext http, HealthReport report)
    {
        if (report.Status == HealthStatus.Healthy)
        {
            http.Response.ContentType = "text/plain";
            return http.Response.WriteAsync("Healthy");
        }
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), e.Value.Description, e.Value.Data }),
        });
    }

    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    public static WebApplicationBuilder AddXinchuangFlowWeb(this WebApplicationBuilder builder)
    {
        var withScheduler = builder.Configuration.GetValue("Engine:Scheduler", true);
        builder.AddXinchuangFlowInfrastructure(withScheduler);
        var services = builder.Services;
        var limits = builder.Configuration.GetSection("Limits");

        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.SectionName);
        services.AddHostedService<IdentitySeeder>();

        services.AddIdentityApiEndpoints<AppUser>(o =>
            {
                // 等保 2.0: at least 10 characters with upper and lower case letters, digits and symbols.
                o.Password.RequiredLength = builder.Configuration.GetValue("Security:PasswordMinLength", 10);
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
        // Sessions end after a quiet half hour (Security:SessionIdleMinutes), for the browser cookie and for bearer tokens.
        var idle = TimeSpan.FromMinutes(builder.Configuration.GetValue("Security:SessionIdleMinutes", 30));
        // A refresh token lives as long as the access token: a client idle for longer signs in again. SessionGuard ends
        // every kind of session when the account is disabled or its password changes, and after Security:SessionAbsoluteHours.
        services.Configure<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions>(IdentityConstants.BearerScheme, o =>
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
                await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.SignOutAsync(ctx.HttpContext, IdentityConstants.ApplicationScheme);
            };
            o.AccessDeniedPath = "/no-access";
            o.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                if (!ctx.Request.Path.StartsWithSegments("/api"))
                    ctx.HttpContext.RequestServices.GetRequiredService<XinchuangFlow.Application.Access.AccessService>().PageRefused(ctx.HttpContext.User.ToActor(), ctx.Request.Path);
                return RedirectOrStatus(ctx, StatusCodes.Status403Forbidden);
            };
        });
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder(IdentityConstants.BearerScheme, IdentityConstants.ApplicationScheme, ApiKeyHandler.SchemeName)
                .RequireAuthenticatedUser().Build())
            .AddAccessPolicies(IdentityConstants.BearerScheme, IdentityConstants.ApplicationScheme, ApiKeyHandler.SchemeName);
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, AccessRequirementHandler>();
        services.AddCascadingAuthenticationState();

        services.AddOptions<LoginThrottleOptions>().BindConfiguration("Limits:Login");
        services.AddSingleton(limits.GetSection("Attachments").Get<XinchuangFlow.Application.Tickets.AttachmentOptions>() ?? new());
        services.AddSingleton<LoginThrottle>();
        services.AddScoped<AccountService>();
        services.AddSingleton<XinchuangFlow.Application.Access.IUserAccounts, IdentityUserAccounts>();
        services.AddRateLimiter(o =>
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
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = limits.GetValue<long>("MaxRequestBodyBytes", 1_048_576));

        // The key ring is shared by every node through the database (a token issued by one node is read by another),
        // each key encrypted with SM4 under a key file outside the database (Security:KeyFile, registered by the infrastructure).
        services.AddDataProtection().SetApplicationName("XinchuangFlow");
        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>>(sp =>
            new Microsoft.Extensions.Options.ConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(o =>
            {
                o.XmlRepository = new XinchuangFlow.Infrastructure.Security.EfXmlRepository(sp.GetRequiredService<IDbContextFactory<XfDbContext>>());
                o.XmlEncryptor = new XinchuangFlow.Infrastructure.Security.Sm4XmlEncryptor(sp.GetRequiredService<XinchuangFlow.Infrastructure.Security.Sm4Cipher>());
            }));
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi(o => o.AddDocumentTransformer<Api.OpenApiExamples>().AddOperationTransformer<Api.ReadsOnlyTransformer>());
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database").AddCheck<EngineHealthCheck>("engine");
        // OpenTelemetry (OPS-4): the engine's and the platform's meters, HTTP and runtime metrics, scraped by Prometheus
        // at /metrics; traces go to an OTLP collector only when one is configured (nothing leaves the node otherwise).
        var otlp = builder.Configuration["Telemetry:OtlpEndpoint"];
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("xinchuangflow", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(m => m.AddMeter(XinchuangFlow.Engine.Runtime.EngineMetrics.MeterName, XinchuangFlow.Infrastructure.Hosting.PlatformMetrics.MeterName)
                .AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddPrometheusExporter())
            .WithTracing(t =>
            {
                t.AddSource(XinchuangFlow.Engine.Runtime.EngineMetrics.MeterName).AddAspNetCoreInstrumentation();
                if (!string.IsNullOrWhiteSpace(otlp)) t.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
            });

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
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SessionRevalidation>();
        services.AddScoped<Security.CircuitOriginHandler>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<Security.CircuitOriginHandler>());
        // Behind nginx the client's address comes from X-Forwarded-For, believed from loopback and the proxies named in
        // Security:TrustedProxies only (the audit trail and the login throttle use it).
        services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            foreach (var proxy in (builder.Configuration["Security:TrustedProxies"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        });
        services.AddMudServices();
        return builder;
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api")) ctx.Response.StatusCode = status;
        else ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static WebApplication UseXinchuangFlowWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        // Every audit line written while serving the request says where it came from.
        app.Use(async (http, next) =>
        {
            using (XinchuangFlow.Engine.Runtime.CallOrigin.Use(Security.CircuitOriginHandler.Of(http.Connection.RemoteIpAddress))) await next(http);
        });
        // Localisation first: the exception handler then runs inside the request's culture (problem titles).
        app.UseRequestLocalization();
        app.UseExceptionHandler();
        app.Use((http, next) =>
        {
            // Security headers the assessment checks (等保 2.0): no script but the app's own files (Blazor Server needs no
            // inline script or eval; MudBlazor sets inline styles), no framing, no sniffing, no referrer leaving the
            // intranet; geolocation only for the app itself (the technician's check-in).
            var h = http.Response.Headers;
            h["Content-Security-Policy"] = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
                                           + "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
            h["X-Content-Type-Options"] = "nosniff";
            h["X-Frame-Options"] = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            h["Permissions-Policy"] = "geolocation=(self), camera=(), microphone=(), payment=()";
            return next(http);
        });
        var maxBody = app.Configuration.GetValue<long>("Limits:MaxRequestBodyBytes", 1_048_576);
        var maxFile = app.Services.GetRequiredService<XinchuangFlow.Application.Tickets.AttachmentOptions>().MaxBytes;
        app.Use(async (http, next) =>
        {
            // An attachment upload may be as large as a file may be; the service stops reading past that.
            var limit = maxBody;
            if (HttpMethods.IsPost(http.Request.Method) && http.Request.Path.Value?.EndsWith("/attachments", StringComparison.Ordinal) == true
                && http.Request.Path.StartsWithSegments("/api/tickets"))
            {
                limit = maxFile;
                if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = maxFile + 1;
            }
            // Kestrel enforces the limit on the wire; this also covers hosts without Kestrel and answers early.
            if (http.Request.ContentLength > limit)
            {
                http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await http.Response.WriteAsJsonAsync(new { title = $"The request body is larger than {limit} bytes." });
                return;
            }
            await next(http);
        });
        app.Use(async (http, next) =>
        {
            // A signed-in user who opens a page their role may not see gets a page that says so, not a blank 403.
            await next(http);
            if (http.Response.StatusCode == StatusCodes.Status403Forbidden && !http.Response.HasStarted && HttpMethods.IsGet(http.Request.Method)
                && !http.Request.Path.StartsWithSegments("/api"))
            {
                http.RequestServices.GetRequiredService<XinchuangFlow.Application.Access.AccessService>().PageRefused(http.User.ToActor(), http.Request.Path);
                http.Response.Redirect("/no-access");
            }
        });
        app.UseAuthentication();
        app.UseMiddleware<PlatformKeyGate>();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapOpenApi();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
        // Metrics name routes, hosts and live counts: only the scrapers named in Telemetry:MetricsAllowedAddresses (loopback
        // by default) or holding Telemetry:MetricsToken get them; anyone else gets a 404 and a log line.
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/metrics"), branch => branch.UseMiddleware<MetricsGate>());
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapWorkflowApi();
        app.MapNetworkApi();
        app.MapTicketApi();
        app.MapUserApi();
        app.MapAccountEndpoints();
        app.MapStaticAssets();
        // Our own Content-Security-Policy (above) already forbids framing; Blazor need not add a second policy header.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}

/// <summary>
/// Healthy when this node's scheduler runs and no due timer waits unclaimed for longer than
/// <c>Engine:HealthTimerLag</c> (30 s): a backlog nobody works is what a failed sweep looks like from outside,
/// whichever node should have swept.
/// </summary>
public sealed class EngineHealthCheck(IServiceProvider services, Engine.Abstractions.ITimerStore timers, TimeProvider clock, IConfiguration config) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var problems = new List<string>();
        var data = new Dictionary<string, object>();
        if (config.GetValue("Engine:Scheduler", true))
        {
            var name = config.GetValue<string>("Engine:SchedulerName") ?? "XinchuangFlow";
            // A named scheduler's parts are registered under its name.
            var factory = services.GetKeyedService<Quartz.ISchedulerFactory>(name) ?? services.GetService<Quartz.ISchedulerFactory>();
            var scheduler = factory is null ? null : await factory.GetScheduler(ct);
            var status = scheduler?.Status;
            var running = status == Quartz.SchedulerStatus.Running;
            data["scheduler"] = status?.ToString().ToLowerInvariant() ?? "missing";
            if (!running) problems.Add($"the scheduler of this node is {data["scheduler"]}: it sweeps no timers");
        }
        var lag = config.GetValue<TimeSpan?>("Engine:HealthTimerLag") ?? TimeSpan.FromSeconds(30);
        var now = clock.GetUtcNow();
        var (count, oldest) = await timers.UnclaimedOverdueTimersAsync(now, now - lag, ct);
        data["overdueTimers"] = count;
        if (count > 0) problems.Add($"{count} timer(s) overdue by more than {lag.TotalSeconds:0} s and claimed by no node (oldest due {oldest:O})");
        return problems.Count == 0 ? HealthCheckResult.Healthy(data: data) : HealthCheckResult.Unhealthy(string.Join("; ", problems), data: data);
    }
}

/// <summary>Healthy when the database answers.</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<XfDbContext> factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Database.CanConnectAsync(ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("database unreachable");
    }
}
