namespace XinchuangFlow.Engine.Runtime;

/// <summary>A notification recorded by SendNotification; delivery adapters pick it up.</summary>
public sealed class Notification
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string ActivityId { get; set; } = "";
    public string? ToUser { get; set; }
    public string? ToRole { get; set; }
    public string Channel { get; set; } = "inbox";
    public string Subject { get; set; } = "";
    public string? Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}
