namespace XinchuangFlow.Application.Notifications;

/// <summary>Sends one message by one channel; throws when the message was not accepted.</summary>
public interface IMessageSender
{
    string Channel { get; }
    /// <summary>Whether a server or gateway is configured for this channel at all.</summary>
    bool Configured { get; }
    Task SendAsync(Delivery delivery, CancellationToken ct = default);
}
