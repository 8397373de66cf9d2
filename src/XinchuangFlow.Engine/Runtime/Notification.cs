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
    /// <summary>
    /// The text as a code with arguments (a JSON object of strings), turned into each recipient's language when it is
    /// delivered; <see cref="Subject"/> and <see cref="Body"/> are its Chinese, kept for the record and as the fallback.
    /// </summary>
    public string? TextKey { get; set; }
    public string? TextArgs { get; set; }

    /// <summary>
    /// Words as <paramref name="key"/> with <paramref name="args"/> (formatted language-neutrally; a value <c>@Key</c> is
    /// itself a text in the recipient's language).
    /// </summary>
    public Notification WithText(string key, IReadOnlyDictionary<string, string> args)
    {
        TextKey = key;
        TextArgs = System.Text.Json.JsonSerializer.Serialize(args);
        return this;
    }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}
