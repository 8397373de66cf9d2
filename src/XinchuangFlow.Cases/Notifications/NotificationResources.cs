using System.Globalization;
using System.Resources;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Cases.Notifications;

/// <summary>
/// The words of coded notifications, from <c>NotificationResource.resx</c> (Chinese, the default) and
/// <c>NotificationResource.en.resx</c>: the one source of a notification's text, whether it is stored in Chinese when the
/// notification is created or rendered in a recipient's language when it is delivered. Here, below the web layer, so
/// that every host — the web app, the engine host of the tools and tests — renders the same words.
/// </summary>
public sealed class NotificationResources : INotificationTexts
{
    private static readonly ResourceManager Resources = new("XinchuangFlow.Cases.Notifications.NotificationResource", typeof(NotificationResources).Assembly);

    /// <summary>The keys of the texts (<c>Notify.{key}.Subject</c> present) the resource holds.</summary>
    public static IReadOnlyList<string> Keys { get; } = ReadKeys();

    /// <summary>A word of the resource in <paramref name="culture"/>, or null.</summary>
    public static string? Find(string name, CultureInfo culture) => Resources.GetString(name, culture);

    /// <summary>Every name the resource holds (the Chinese file's).</summary>
    public static IEnumerable<string> Names() =>
        Resources.GetResourceSet(CultureInfo.InvariantCulture, true, true)!.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key);

    public (string Subject, string? Body)? Render(string key, IReadOnlyDictionary<string, string> args, string language)
    {
        CultureInfo culture;
        try { culture = CultureInfo.GetCultureInfo(language); }
        catch (CultureNotFoundException) { culture = CultureInfo.GetCultureInfo(Notification.StoredLanguage); }
        if (Find($"Notify.{key}.Subject", culture) is not { } subject) return null;
        var body = Find($"Notify.{key}.Body", culture);
        var words = args.ToDictionary(a => a.Key, a => a.Value.StartsWith('@') && a.Value.Length > 1 ? Find(a.Value[1..], culture) ?? a.Value[1..] : a.Value);
        return (Fill(subject, words), body is null ? null : Fill(body, words));
    }

    private static string Fill(string text, IReadOnlyDictionary<string, string> args)
    {
        foreach (var (name, value) in args) text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        return text;
    }

    private static List<string> ReadKeys() =>
        Names().Where(n => n.StartsWith("Notify.", StringComparison.Ordinal) && n.EndsWith(".Subject", StringComparison.Ordinal))
            .Select(n => n["Notify.".Length..^".Subject".Length]).Order(StringComparer.Ordinal).ToList();
}
