using MailKit.Net.Imap;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace XinchuangFlow.Infrastructure.Mail;

/// <summary>Runs the mailbox on this node: a round, then IDLE (or a pause) until new mail or the poll interval; reconnects after errors.</summary>
public sealed class MailboxPollJob(ImapMailboxPoller poller, IOptions<ImapOptions> options, ILogger<MailboxPollJob> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!poller.Configured) return;
        var wait = TimeSpan.FromSeconds(Math.Max(5, options.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var client = await poller.ConnectAsync(stoppingToken);
                while (!stoppingToken.IsCancellationRequested && client.IsConnected)
                {
                    var round = await poller.PollAsync(client, stoppingToken);
                    if (round.Left > 0) continue;
                    if (client.Capabilities.HasFlag(ImapCapabilities.Idle))
                    {
                        using var done = new CancellationTokenSource(wait);
                        var folder = await client.GetFolderAsync(options.Value.Folder, stoppingToken);
                        void Arrived(object? s, EventArgs e) => done.Cancel();
                        folder.CountChanged += Arrived;
                        try { await client.IdleAsync(done.Token, stoppingToken); }
                        finally { folder.CountChanged -= Arrived; }
                    }
                    else await Task.Delay(wait, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                log.LogWarning(e, "The service mailbox could not be read; trying again in {Wait}", wait);
                try { await Task.Delay(wait, stoppingToken); } catch (OperationCanceledException) { return; }
            }
        }
    }
}
