using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using XinchuangFlow.Application.Notifications;

namespace XinchuangFlow.Infrastructure.Notifications;

/// <summary>Runs reminder and delivery rounds on every node (compare-and-set and leases keep nodes apart).</summary>
public sealed class NotificationDeliveryJob(IServiceProvider services, IOptions<NotificationOptions> options, ILogger<NotificationDeliveryJob> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.PollSeconds <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PollSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // Reminders first: what they write is delivered in the same round.
                await services.GetRequiredService<ComplaintReminderService>().RunOnceAsync(stoppingToken);
                await services.GetRequiredService<NotificationDeliveryService>().RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException) { log.LogWarning(ex, "Notification delivery round failed; the next round retries."); }
        }
    }
}
