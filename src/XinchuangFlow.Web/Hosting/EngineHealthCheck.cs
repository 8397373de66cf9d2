using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace XinchuangFlow.Web.Hosting;

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
