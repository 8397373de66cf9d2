using Microsoft.Extensions.Logging;
using Microsoft.EntityFrameworkCore;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>
/// Seals new audit lines every few seconds on each node (one at a time, by a database lock) and logs the chain's head
/// hash after each round that sealed something: an anchor outside the database, so that a whole chain recomputed by
/// someone with write access to the database no longer matches what the logs say.
/// </summary>
public sealed class AuditSealJob(XinchuangFlow.Application.Audit.IAuditLog audit, IDbContextFactory<XfDbContext> factory,
    Microsoft.Extensions.Logging.ILogger<AuditSealJob> log) : Microsoft.Extensions.Hosting.BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sealedNow = 0;
                int n;
                while ((n = await audit.SealAsync(2000, stoppingToken)) > 0) sealedNow += n;
                if (sealedNow > 0)
                {
                    await using var db = await factory.CreateDbContextAsync(stoppingToken);
                    var head = await db.Audit.AsNoTracking().Where(a => a.SealOrder != null).OrderByDescending(a => a.SealOrder)
                        .Select(a => new { a.SealOrder, a.Hash }).FirstAsync(stoppingToken);
                    log.LogInformation("Audit chain sealed {Count} line(s); head {SealOrder} SM3 {Hash}", sealedNow, head.SealOrder, head.Hash);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) { log.LogWarning(e, "Sealing the audit trail failed; trying again"); }
            try { await Task.Delay(Interval, stoppingToken); } catch (OperationCanceledException) { return; }
        }
    }
}
