using System.Globalization;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Time;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Network;

/// <summary>
/// That a certificate was reminded of at a threshold: a certificate (technician, category, the day it runs out) is
/// reminded of once at 30 days and once more at 7 days; a renewed certificate (a later day) is a new one.
/// </summary>
public sealed class CertificateReminder
{
    public Guid TechnicianId { get; set; }
    public string ProductCategory { get; set; } = "";
    public DateOnly ValidUntil { get; set; }
    /// <summary>The threshold reminded of, in days (30 or 7).</summary>
    public int Threshold { get; set; }
    public Guid EnterpriseId { get; set; }
    public DateTimeOffset SentAt { get; set; }
}

/// <summary>Where certificate reminders are kept (the database layer implements it).</summary>
public interface ICertificateReminderStore
{
    /// <summary>The reminders already sent for certificates running out on or after <paramref name="from"/>.</summary>
    Task<IReadOnlyList<CertificateReminder>> SentAsync(DateOnly from, CancellationToken ct = default);
    /// <summary>Stores the reminders and their notifications in one transaction; false when another node sent them first.</summary>
    Task<bool> RecordAsync(IReadOnlyList<CertificateReminder> reminders, IReadOnlyList<Notification> notifications, CancellationToken ct = default);
}

/// <summary>
/// Certificate expiry reminders (NET-3): once a day, each enterprise's managers are told in the inbox and by e-mail of
/// its technicians' certificates that run out within 30 days — once per certificate at 30 days and once more at 7 days;
/// a run that finds nothing new sends nothing. An expired certificate already stops dispatch (the planner checks it).
/// </summary>
public sealed class CertificateReminderService(INetworkRepository network, ICertificateReminderStore store, IUserDirectory users, TimeProvider clock, INotificationTexts texts)
{
    /// <summary>The thresholds, in days before the last valid day, largest first.</summary>
    public static readonly int[] Thresholds = [30, 7];

    /// <summary>Sends what is due; returns how many certificates were reminded of.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.Today(clock);
        var snapshot = await network.SnapshotAsync(ct);
        var technicians = snapshot.Technicians.Where(t => t.Active).ToDictionary(t => t.Id);
        var sent = (await store.SentAsync(today, ct)).Select(r => (r.TechnicianId, r.ProductCategory, r.ValidUntil, r.Threshold)).ToHashSet();
        var due = snapshot.Certificates
            .Where(c => technicians.ContainsKey(c.TechnicianId) && c.ValidUntil >= today && c.ValidUntil.DayNumber - today.DayNumber <= Thresholds[0])
            .Select(c => (Certificate: c, Threshold: Thresholds.Last(t => c.ValidUntil.DayNumber - today.DayNumber <= t)))
            .Where(x => !sent.Contains((x.Certificate.TechnicianId, x.Certificate.ProductCategory, x.Certificate.ValidUntil, x.Threshold)))
            .GroupBy(x => technicians[x.Certificate.TechnicianId].EnterpriseId);
        var names = snapshot.Enterprises.ToDictionary(e => e.Id, e => e.Name);
        var count = 0;
        foreach (var group in due)
        {
            var managers = await users.TeamAsync(Roles.EnterpriseManager, group.Key, null, null, 50, ct);
            if (managers.Count == 0) continue;   // nobody to tell yet: the next run tries again
            var items = group.OrderBy(x => x.Certificate.ValidUntil).ThenBy(x => technicians[x.Certificate.TechnicianId].Name, StringComparer.Ordinal).ToList();
            var lines = string.Join("\n", items.Select(x =>
                $"{technicians[x.Certificate.TechnicianId].Name} · {ProductCategories.Names.GetValueOrDefault(x.Certificate.ProductCategory, x.Certificate.ProductCategory)} · "
                + x.Certificate.ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            var words = new Notification().WithText("CertificateExpiry", new Dictionary<string, string>
            {
                ["enterprise"] = names.GetValueOrDefault(group.Key, ""), ["count"] = items.Count.ToString(CultureInfo.InvariantCulture),
                ["days"] = Thresholds[0].ToString(CultureInfo.InvariantCulture), ["list"] = lines,
            }, texts);
            var notifications = new List<Notification>();
            foreach (var channel in new[] { "inbox", "email" })
                foreach (var manager in managers)
                {
                    var n = words.To(manager.UserName, null, channel);
                    (n.Id, n.ActivityId, n.CreatedAt) = (Guid.CreateVersion7(now), "(certificate-expiry)", now);
                    notifications.Add(n);
                }
            var reminders = items.Select(x => new CertificateReminder
            {
                TechnicianId = x.Certificate.TechnicianId, ProductCategory = x.Certificate.ProductCategory, ValidUntil = x.Certificate.ValidUntil, Threshold = x.Threshold,
                EnterpriseId = group.Key, SentAt = now,
            }).ToList();
            if (await store.RecordAsync(reminders, notifications, ct)) count += reminders.Count;
        }
        return count;
    }
}
