using System.Globalization;
using XinchuangFlow.Application.Notifications;

namespace XinchuangFlow.Web.Text;

/// <summary>Notification texts from the shared resources, in the recipient's language.</summary>
public sealed class ResourceNotificationTexts : INotificationTexts
{
    public (string Subject, string? Body)? Render(string key, IReadOnlyDictionary<string, string> args, string language)
    {
        CultureInfo culture;
        try { culture = CultureInfo.GetCultureInfo(language); }
        catch (CultureNotFoundException) { culture = CultureInfo.GetCultureInfo(NotificationText.DefaultLanguage); }
        if (SharedTexts.Find($"Notify.{key}.Subject", culture) is not { } subject) return null;
        var body = SharedTexts.Find($"Notify.{key}.Body", culture);
        args = Resolve(args, culture);
        return (Fill(subject, args), body is null ? null : Fill(body, args));
    }

    private static string Fill(string text, IReadOnlyDictionary<string, string> args)
    {
        foreach (var (name, value) in args) text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        return text;
    }

    /// <summary>An argument as the recipient reads it: <c>@Key</c> is a text of the resources in their language.</summary>
    private static IReadOnlyDictionary<string, string> Resolve(IReadOnlyDictionary<string, string> args, CultureInfo culture) =>
        args.ToDictionary(a => a.Key, a => a.Value.StartsWith('@') && a.Value.Length > 1 ? SharedTexts.Find(a.Value[1..], culture) ?? a.Value[1..] : a.Value);
}
