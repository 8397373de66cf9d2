using System.Globalization;
using System.Resources;

namespace XinchuangFlow.Web.Text;

/// <summary>
/// The product's texts (<c>SharedResource</c>) for code that has no injected localizer — the edge formatters of problems,
/// clock reasons, history lines and the diagram — in the reader's language (<see cref="CultureInfo.CurrentUICulture"/>),
/// plus the few words several pages say the same way (who did something, an action).
/// </summary>
public static class SharedTexts
{
    private static readonly ResourceManager Resources = new("XinchuangFlow.Web.Resources.SharedResource", typeof(SharedTexts).Assembly);

    /// <summary>The text of <paramref name="key"/> in <paramref name="culture"/> (the reader's by default); null when there is none.</summary>
    public static string? Find(string key, CultureInfo? culture = null) => Resources.GetString(key, culture ?? CultureInfo.CurrentUICulture);

    /// <summary>The text of <paramref name="key"/> with its arguments filled in; the key itself when there is no text.</summary>
    public static string Format(string key, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, Find(key) ?? key, args);

    /// <summary>
    /// Who did something, as a person reads it — never by a login: the system for the engine, the start-up import, an
    /// enterprise's reporting desk or platform key by its name; a person by their name (and organisation, when
    /// <paramref name="withOrganisation"/>) from <paramref name="people"/> (<c>UserDirectoryService.WhoAsync</c>); an
    /// account since deleted by its login's name part.
    /// </summary>
    public static string Who(string? user, IReadOnlyDictionary<string, XinchuangFlow.Application.Access.Person>? people, bool withOrganisation = true) =>
        string.IsNullOrEmpty(user) || user == "system" ? Format("Ticket.System")
        : user.StartsWith("import:", StringComparison.Ordinal) ? Format("Rules.ImportedAtStart")
        : user.StartsWith("reported:", StringComparison.Ordinal) ? Format("Ticket.ReportedByDesk", user["reported:".Length..])
        : user.StartsWith(XinchuangFlow.Application.Platforms.PlatformKeyService.UserNamePrefix, StringComparison.Ordinal)
            ? Format("Who.Platform", user[XinchuangFlow.Application.Platforms.PlatformKeyService.UserNamePrefix.Length..])
        : people?.GetValueOrDefault(user) is { } person ? person.Text(withOrganisation, SharedResource.IsEnglish)
        : XinchuangFlow.Application.Access.Person.NameFromLogin(user);

    /// <summary><see cref="Who(string?, IReadOnlyDictionary{string, XinchuangFlow.Application.Access.Person}?, bool)"/> of one login, looked up.</summary>
    public static async Task<string> WhoAsync(XinchuangFlow.Application.Access.UserDirectoryService people, string? user, bool withOrganisation = true) =>
        Who(user, await people.WhoAsync([user]), withOrganisation);

    /// <summary>An audited action by its name (the audit's own, else the case history's), else its code.</summary>
    public static string Action(string action) => Find("Audit.Action." + action) ?? Find("Event." + action) ?? action;
}
