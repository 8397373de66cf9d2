using System.Text.Json;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Notifications;

/// <summary>
/// Turns a notification's text code and arguments into a language's words (the web layer reads them from its resources:
/// <c>Notify.{key}.Subject</c> and <c>Notify.{key}.Body</c>, with <c>{name}</c> for each argument).
/// </summary>
public interface INotificationTexts
{
    /// <summary>The subject and body of <paramref name="key"/> in <paramref name="language"/>, or null when there is no such text.</summary>
    (string Subject, string? Body)? Render(string key, IReadOnlyDictionary<string, string> args, string language);
}

/// <summary>Coded notification texts: the code and its arguments stored with the Chinese words.</summary>
public static class NotificationText
{
    public const string DefaultLanguage = "zh-CN";

    /// <summary>The words for a recipient: the coded text in their language when it can be rendered, else the stored Chinese.</summary>
    public static (string Subject, string? Body) For(Notification n, string? language, INotificationTexts? texts)
    {
        if (n.TextKey is { } key && texts is not null)
        {
            Dictionary<string, string> args;
            try { args = JsonSerializer.Deserialize<Dictionary<string, string>>(n.TextArgs ?? "{}") ?? []; }
            catch (JsonException) { args = []; }
            if (texts.Render(key, args, language ?? DefaultLanguage) is { } text) return text;
        }
        return (n.Subject, n.Body);
    }
}
