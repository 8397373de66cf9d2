using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace XinchuangFlow.Web.Hosting;

/// <summary>The node's checks and <c>/health</c>, which load balancers and probes ask.</summary>
public static class HealthEndpoint
{
    public static IServiceCollection AddXfHealthChecks(this IServiceCollection services)
    {
        services.AddSingleton<HealthResultCache>();
        services.AddHealthChecks()
            .Add(new HealthCheckRegistration("database", sp => Cached<DatabaseHealthCheck>(sp, "database"), null, null))
            .Add(new HealthCheckRegistration("engine", sp => Cached<EngineHealthCheck>(sp, "engine"), null, null));
        return services;
    }

    private static CachedHealthCheck<T> Cached<T>(IServiceProvider sp, string name) where T : IHealthCheck =>
        new(sp.GetRequiredService<HealthResultCache>(), ActivatorUtilities.CreateInstance<T>(sp), name);

    public static IEndpointRouteBuilder MapXfHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteAsync });
        return app;
    }

    /// <summary>
    /// "Healthy" alone when all is well (what load balancers and probes compare), otherwise the status and each check
    /// that is not healthy with its reason, as JSON, with status 503.
    /// </summary>
    private static Task WriteAsync(HttpContext http, HealthReport report)
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
}
