using Microsoft.Extensions.Logging;
using Quartz;
using XinchuangFlow.Application.Dashboards;

namespace XinchuangFlow.Infrastructure.Scheduling;

/// <summary>Quartz job that folds the dashboards' daily figures (DSH-1, PERF-2) every <c>Dashboards:FoldInterval</c> (a minute by default).</summary>
[DisallowConcurrentExecution]
public sealed class DashboardFoldJob(IDashboardFigures figures, ILogger<DashboardFoldJob> log) : IJob
{
    public static readonly JobKey Key = new("dashboard-fold", "xinchuangflow");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var days = await figures.FoldAsync(cancellationToken);
            if (days > 0) log.LogInformation("Dashboard figures: {Days} day(s) folded again", days);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Folding the dashboard figures failed; the next run tries again");
        }
    }
}
