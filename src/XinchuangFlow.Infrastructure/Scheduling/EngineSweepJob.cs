using Microsoft.Extensions.Logging;
using Quartz;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Infrastructure.Scheduling;

/// <summary>
/// Quartz job that wakes the engine: fires due timers from the engine's own timer table and runs on
/// instances a crashed node left behind. Quartz's persistent (clustered where the database allows) store keeps
/// the trigger; the engine's atomic claims make each timer fire once however many nodes sweep.
/// </summary>
[DisallowConcurrentExecution]
public sealed class EngineSweepJob(WorkflowRuntime runtime, ILogger<EngineSweepJob> log) : IJob
{
    public static readonly JobKey Key = new("engine-sweep", "xinchuangflow");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var recovered = await runtime.RecoverAsync(cancellationToken);
            var fired = await runtime.DrainTimersAsync(cancellationToken);
            if (recovered + fired > 0)
                log.LogInformation("Engine sweep: {Fired} timer(s) fired, {Recovered} instance(s) recovered", fired, recovered);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed sweep is retried by the next trigger; claims not finished expire with their lease.
            log.LogError(ex, "Engine sweep failed");
        }
    }
}
