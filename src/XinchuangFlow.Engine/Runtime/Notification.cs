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

    /// <summary>The language of the words stored with a notification (<see cref="Subject"/>, <see cref="Body"/>).</summary>
    public const string StoredLanguage = "zh-CN";

    /// <summary>
    /// Words as <paramref name="key"/> with <paramref name="args"/> (formatted language-neutrally; a value <c>@Key</c> is
    /// itself a text in the recipient's language): the code is kept for each recipient's language, and the stored
    /// <see cref="Subject"/> and <see cref="Body"/> are its Chinese, rendered by <paramref name="texts"/> — the one source
    /// of the words. A key without a text is a programming error.
    /// </summary>
    public Notification WithText(string key, IReadOnlyDictionary<string, string> args, INotificationTexts texts)
    {
        var (subject, body) = texts.Render(key, args, StoredLanguage) ?? throw new InvalidOperationException($"There is no notification text '{key}'.");
        (Subject, Body) = (subject, body);
        TextKey = key;
        TextArgs = System.Text.Json.JsonSerializer.Serialize(args);
        return this;
    }
    /// <summary>The same words (stored and coded) for <paramref name="user"/> or <paramref name="role"/> on <paramref name="channel"/>.</summary>
    public Notification To(string? user, string? role, string channel) =>
        new() { ToUser = user, ToRole = role, Channel = channel, Subject = Subject, Body = Body, TextKey = TextKey, TextArgs = TextArgs };

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}

/// <summary>
/// Turns a notification's text code and arguments into a language's words (<c>Notify.{key}.Subject</c> and
/// <c>Notify.{key}.Body</c>, with <c>{name}</c> for each argument): at creation in Chinese for the stored words, at
/// delivery in each recipient's language.
/// </summary>
public interface INotificationTexts
{
    /// <summary>The subject and body of <paramref name="key"/> in <paramref name="language"/>, or null when there is no such text.</summary>
    (string Subject, string? Body)? Render(string key, IReadOnlyDictionary<string, string> args, string language);
}
