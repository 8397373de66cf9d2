using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Web.Hosting;

/// <summary>Healthy when the database answers.</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<XfDbContext> factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Database.CanConnectAsync(ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("database unreachable");
    }
}
