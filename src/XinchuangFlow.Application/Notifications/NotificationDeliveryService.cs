using Microsoft.Extensions.Logging;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Notifications;

/// <summary>
/// Notification delivery (FLOW-3 delivery, issue 11): the engine writes a notification in the same transaction as the
/// burst that caused it (the outbox); this service turns each e-mail or SMS notification into one delivery per person —
/// a role resolved for the case (the ticket's city coordinator, its enterprise's manager, its unit's users), a named
/// person as named — for those who want that channel and have an address, and sends the deliveries with retries and
/// backoff. A server that is down delays a message, never loses it; a message is marked sent once the server accepted
/// it, and a node sends only deliveries it holds the lease of.
/// </summary>
public sealed class NotificationDeliveryService(IDeliveryStore store, ITicketRepository cases, IUserDirectory users, IEnumerable<IMessageSender> senders,
    AccessService access, TimeProvider clock, ILogger<NotificationDeliveryService> log, INotificationTexts? texts = null)
{
    public const int MaxAttempts = 12;

    /// <summary>The last error of a delivery whose channel has no server configured any more (the page words it).</summary>
    public const string NotConfigured = "not-configured";
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>The wait after the <paramref name="attempt"/>th failure: 30 s, 1 min, 2 min … at most an hour.</summary>
    public static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Max(0, attempt - 1))));

    /// <summary>One round: hand over new notifications, send what is due. Returns (handed over, sent, failed attempts).</summary>
    public async Task<(int HandedOver, int Sent, int Failed)> RunOnceAsync(CancellationToken ct = default)
    {
        var handed = 0;
        foreach (var n in await store.PendingNotificationsAsync(100, ct))
            if (await store.HandOverAsync(n.Id, await DeliveriesOfAsync(n, ct), clock.GetUtcNow(), ct)) handed++;
        int sent = 0, failed = 0;
        var byChannel = senders.ToDictionary(s => s.Channel);
        foreach (var d in await store.LeaseDueAsync(clock.GetUtcNow(), Lease, 50, ct))
        {
            d.Attempts++;
            try
            {
                if (!byChannel.TryGetValue(d.Channel, out var sender) || !sender.Configured) throw new InvalidOperationException(NotConfigured);
                await sender.SendAsync(d, ct);
                (d.Status, d.SentAt, d.LastError, d.LeaseUntil) = (DeliveryStatus.Sent, clock.GetUtcNow(), null, null);
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed++;
                d.LastError = ex.Message.Length > 500 ? ex.Message[..500] : ex.Message;
                d.LeaseUntil = null;
                if (d.Attempts >= MaxAttempts) d.Status = DeliveryStatus.Failed;
                else d.NextAttemptAt = clock.GetUtcNow() + Backoff(d.Attempts);
                log.LogWarning("Delivery {Delivery} ({Channel} to {Recipient}) failed, attempt {Attempt}: {Error}", d.Id, d.Channel, d.Recipient, d.Attempts, d.LastError);
            }
            await store.SaveAsync(d, ct);
        }
        return (handed, sent, failed);
    }

    /// <summary>The people a notification is for, by its channel, each with an address and the wish to be told that way.</summary>
    public async Task<IReadOnlyList<Delivery>> DeliveriesOfAsync(Notification n, CancellationToken ct = default)
    {
        // A channel with no server configured on this installation sends nothing (the inbox has the notification).
        if (!senders.Any(s => s.Channel == n.Channel && s.Configured)) return [];
        var names = new List<string>();
        if (n.ToUser is { Length: > 0 } user) names.Add(user);
        if (n.ToRole is { Length: > 0 } role) names.AddRange(await HoldersAsync(role, n.InstanceId, ct));
        var now = clock.GetUtcNow();
        var result = new List<Delivery>();
        foreach (var c in await users.ContactsAsync(names.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), ct))
        {
            var address = n.Channel switch
            {
                "email" when c.ByEmail && !string.IsNullOrWhiteSpace(c.Email) => c.Email,
                "sms" when c.BySms && !string.IsNullOrWhiteSpace(c.Phone) => c.Phone,
                _ => null,
            };
            if (address is null) continue;
            // Each recipient reads the message in the language they chose.
            var (subject, body) = NotificationText.For(n, c.Language, texts);
            result.Add(new Delivery
            {
                Id = Guid.CreateVersion7(now), NotificationId = n.Id, InstanceId = n.InstanceId, Channel = n.Channel, Recipient = c.UserName, Address = address,
                Subject = subject, Body = body, NextAttemptAt = now, CreatedAt = now,
            });
        }
        return result;
    }

    /// <summary>A role's holders for the notification's case: the case's city, enterprise or unit, as the role is scoped.</summary>
    private async Task<IEnumerable<string>> HoldersAsync(string role, Guid instanceId, CancellationToken ct)
    {
        string? city = null;
        Guid? enterprise = null, unit = null;
        if (await cases.FindTicketByInstanceAsync(instanceId, ct) is { } t) (city, enterprise, unit) = (t.CityCode, t.IntegratorId, t.ProcurementUnitId);
        else if (await cases.FindComplaintByInstanceAsync(instanceId, ct) is { } c) (city, enterprise, unit) = (c.CityCode, c.EnterpriseId, c.ProcurementUnitId);
        IReadOnlyList<UserEntry> holders = role switch
        {
            Roles.MunicipalCoordinator when city is not null => await users.TeamAsync(role, null, city, null, 50, ct),
            Roles.EnterpriseManager when enterprise is not null => await users.TeamAsync(role, enterprise, null, null, 50, ct),
            Roles.ProcurementUser when unit is not null => await users.TeamAsync(role, null, null, unit, 50, ct),
            Roles.MunicipalCoordinator or Roles.EnterpriseManager or Roles.ProcurementUser => [],   // no case to scope them by: nobody, not everybody
            _ => await users.TeamAsync(role, null, null, null, 200, ct),
        };
        if (role != Roles.Dispatcher) return holders.Select(h => h.UserName);
        // Dispatchers: the platform's hotline desk and the case's integrator's own, not every integrator's.
        var contacts = await users.ContactsAsync(holders.Select(h => h.UserName).ToList(), ct);
        return contacts.Where(c => c.EnterpriseId is null || c.EnterpriseId == enterprise).Select(c => c.UserName);
    }

    public async Task<(IReadOnlyList<Delivery> Items, int Total)> LogAsync(Actor actor, string? status, int skip, int take, CancellationToken ct = default)
    {
        if (!access.MayReadDeliveryLog(actor))
            throw access.Denied(actor, "read the delivery log", "Only administrators read the delivery log.");
        var (s, t) = Paging.Check(skip, take);
        return await store.ListAsync(status, s, t, ct);
    }
}
