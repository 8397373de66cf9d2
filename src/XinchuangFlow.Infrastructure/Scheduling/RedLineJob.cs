using Microsoft.Extensions.Logging;
using Quartz;
using XinchuangFlow.Application.Assessment;

namespace XinchuangFlow.Infrastructure.Scheduling;

/// <summary>Quartz job that watches the satisfaction red line (ASM-5) every <see cref="AssessmentScheduleOptions.RedLineInterval"/>.</summary>
[DisallowConcurrentExecution]
public sealed class RedLineJob(RedLineService redLine, ILogger<RedLineJob> log) : IJob
{
    public static readonly JobKey Key = new("red-line", "xinchuangflow");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var (raised, recovered) = await redLine.RunOnceAsync(cancellationToken);
            if (raised + recovered > 0) log.LogInformation("Red line: {Raised} alert(s) raised, {Recovered} recovered", raised, recovered);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Watching the red line failed; the next run tries again");
        }
    }
}
