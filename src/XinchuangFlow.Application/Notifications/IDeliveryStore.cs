using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Notifications;

/// <summary>Where deliveries are kept (the database layer implements it).</summary>
public interface IDeliveryStore
{
    /// <summary>Notifications for e-mail or SMS not yet turned into deliveries, oldest first.</summary>
    Task<IReadOnlyList<Notification>> PendingNotificationsAsync(int take, CancellationToken ct = default);
    /// <summary>
    /// In one transaction: marks the notification handed over (only if no other node did) and stores its deliveries.
    /// False when another node was quicker.
    /// </summary>
    Task<bool> HandOverAsync(Guid notificationId, IReadOnlyList<Delivery> deliveries, DateTimeOffset now, CancellationToken ct = default);
    /// <summary>Pending deliveries due now, each leased to this node (compare-and-set) for <paramref name="lease"/>.</summary>
    Task<IReadOnlyList<Delivery>> LeaseDueAsync(DateTimeOffset now, TimeSpan lease, int take, CancellationToken ct = default);
    Task SaveAsync(Delivery delivery, CancellationToken ct = default);
    /// <summary>One delivery by its id (null when there is none).</summary>
    Task<Delivery?> GetAsync(Guid id, CancellationToken ct = default);
    Task<(IReadOnlyList<Delivery> Items, int Total)> ListAsync(string? status, int skip, int take, CancellationToken ct = default);
}
