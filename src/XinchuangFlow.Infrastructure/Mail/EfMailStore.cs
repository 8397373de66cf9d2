using Microsoft.EntityFrameworkCore;
using XinchuangFlow.Application.Mail;
using XinchuangFlow.Application.Notifications;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Infrastructure.Mail;

/// <summary>The mailbox log and triage queue in <c>xf_mail_messages</c>; an answer is stored with its record in one transaction.</summary>
public sealed class EfMailStore(IDbContextFactory<XfDbContext> factory) : XinchuangFlow.Application.Mail.IMailStore
{
    public async Task<MailRecord?> FindAsync(string key, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.MailMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Key == key, ct);
    }

    public async Task<MailRecord?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.MailMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
    }

    public async Task<MailRecord?> FindThreadAsync(IReadOnlyList<string> messageIds, IReadOnlyList<Guid> replyIds, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var ids = messageIds.ToList();
        var replies = replyIds.Select(g => (Guid?)g).ToList();
        return await db.MailMessages.AsNoTracking()
            .Where(m => m.TicketNumber != null && ((m.MessageId != null && ids.Contains(m.MessageId)) || (m.ReplyId != null && replies.Contains(m.ReplyId))))
            .OrderByDescending(m => m.ReceivedAt).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyDictionary<string, int>> CountFromAsync(string address, DateTimeOffset since, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.MailMessages.AsNoTracking().Where(m => m.FromAddress == address && m.ReceivedAt >= since)
            .GroupBy(m => m.Outcome).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Key, r => r.Count);
    }

    public async Task AddAsync(MailRecord record, Delivery? answer, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.MailMessages.Add(record);
        if (answer is not null) db.Deliveries.Add(answer);
        await db.SaveChangesAsync(ct);   // one SaveChanges: one transaction
    }

    public async Task<bool> ResolveAsync(Guid id, string outcome, string? ticketNumber, string? reason, string user, DateTimeOffset at, Delivery? answer, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.MailMessages.Where(m => m.Id == id && m.Outcome == MailOutcomes.Triage).ExecuteUpdateAsync(u => u
            .SetProperty(m => m.Outcome, outcome).SetProperty(m => m.TicketNumber, ticketNumber).SetProperty(m => m.ResolvedBy, user)
            .SetProperty(m => m.ResolvedAt, at).SetProperty(m => m.Raw, (byte[]?)null)
            .SetProperty(m => m.Reason, m => reason == null ? m.Reason : m.Reason + " — " + reason), ct);
        if (changed == 0) return false;
        if (answer is not null)
        {
            db.Deliveries.Add(answer);
            await db.SaveChangesAsync(ct);
            await db.MailMessages.Where(m => m.Id == id).ExecuteUpdateAsync(u => u.SetProperty(m => m.ReplyId, answer.Id), ct);
        }
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<(IReadOnlyList<MailRecord> Items, int Total)> ListAsync(MailScope scope, string? outcome, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.MailMessages.AsNoTracking();
        if (!scope.All) q = q.Where(m => m.IntegratorId == scope.Integrator);
        if (outcome is not null) q = q.Where(m => m.Outcome == outcome);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id).Skip(skip).Take(take)
            .Select(m => new MailRecord
            {
                Id = m.Id, Key = m.Key, MessageId = m.MessageId, FromAddress = m.FromAddress, FromName = m.FromName, Subject = m.Subject, Size = m.Size,
                Outcome = m.Outcome, ReasonCode = m.ReasonCode, Reason = m.Reason, TicketNumber = m.TicketNumber, IntegratorId = m.IntegratorId, Text = m.Text, ReplyId = m.ReplyId,
                ReceivedAt = m.ReceivedAt, ResolvedBy = m.ResolvedBy, ResolvedAt = m.ResolvedAt,
            }).ToListAsync(ct);
        return (items, total);
    }
}
