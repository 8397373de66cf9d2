using System.Text.Json;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Notifications;

/// <summary>Coded notification texts: the code and its arguments stored with the Chinese words.</summary>
public static class NotificationText
{
    public const string DefaultLanguage = Notification.StoredLanguage;

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
