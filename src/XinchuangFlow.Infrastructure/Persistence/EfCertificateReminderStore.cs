using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Application.Network;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>Certificate reminders on EF Core: a reminder and its notifications are written together, once (the key is the certificate and threshold).</summary>
public sealed class EfCertificateReminderStore(IDbContextFactory<XfDbContext> factory) : ICertificateReminderStore
{
    public async Task<IReadOnlyList<CertificateReminder>> SentAsync(DateOnly from, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.CertificateReminders.AsNoTracking().Where(r => r.ValidUntil >= from).ToListAsync(ct);
    }

    public async Task<bool> RecordAsync(IReadOnlyList<CertificateReminder> reminders, IReadOnlyList<Notification> notifications, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.CertificateReminders.AddRange(reminders);
        db.Notifications.AddRange(notifications);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;   // another node reminded of them first (the key is unique)
        }
    }
}
