using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace XinchuangFlow.Web.Hosting;

/// <summary>
/// The node's checks' last results, kept for <c>Health:CacheFor</c> (5 s; zero asks every time): a load balancer or
/// probe asking /health hundreds of times a second costs one database round trip and one timer query per period, not
/// one per request; callers arriving while a check runs wait for that same run (PERF-3, issue 25).
/// </summary>
public sealed class HealthResultCache(TimeProvider clock, IConfiguration config)
{
    private readonly Dictionary<string, (DateTimeOffset At, Task<HealthCheckResult> Run)> _last = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public TimeSpan CacheFor => config.GetValue<TimeSpan?>("Health:CacheFor") ?? TimeSpan.FromSeconds(5);

    /// <summary>How many times a check really ran (for the tests and the metrics).</summary>
    public int Runs { get; private set; }

    public Task<HealthCheckResult> GetAsync(string name, Func<Task<HealthCheckResult>> check)
    {
        var now = clock.GetUtcNow();
        var ttl = CacheFor;
        lock (_gate)
        {
            if (ttl > TimeSpan.Zero && _last.TryGetValue(name, out var last) && (!last.Run.IsCompleted || now - last.At < ttl) && !last.Run.IsFaulted)
                return last.Run;
            Runs++;
            var run = check();
            _last[name] = (now, run);
            return run;
        }
    }
}

/// <summary>A check asked through <see cref="HealthResultCache"/>.</summary>
public sealed class CachedHealthCheck<T>(HealthResultCache cache, T inner, string name) : IHealthCheck where T : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        // The shared run is not cancelled by one caller leaving.
        cache.GetAsync(name, () => inner.CheckHealthAsync(context, CancellationToken.None));
}
