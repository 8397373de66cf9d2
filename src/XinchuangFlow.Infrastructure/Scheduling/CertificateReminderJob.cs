using Microsoft.Extensions.Logging;
using Quartz;
using XinchuangFlow.Application.Network;

namespace XinchuangFlow.Infrastructure.Scheduling;

/// <summary>Quartz job that reminds the enterprises of certificates running out (NET-3), daily; a second run sends nothing new.</summary>
[DisallowConcurrentExecution]
public sealed class CertificateReminderJob(CertificateReminderService reminders, ILogger<CertificateReminderJob> log) : IJob
{
    public static readonly JobKey Key = new("certificate-reminders", "xinchuangflow");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var sent = await reminders.RunOnceAsync(cancellationToken);
            if (sent > 0) log.LogInformation("Certificate reminders: {Count} certificate(s) running out reminded of", sent);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Reminding of certificates running out failed; the next run tries again");
        }
    }
}
