namespace XinchuangFlow.Application.Access;

/// <summary>
/// Someone as other people read them — never by their login: the name the Data Bureau gave the account and the
/// organisation they act for (their enterprise or procurement unit; null for the Data Bureau's, the Intranet Office's
/// and the cities' own staff, whose names say where they are).
/// </summary>
public sealed record Person(string UserName, string Name, string? Organisation)
{
    /// <summary>
    /// The name and, when it adds something, the organisation: <c>张工（南宁八桂数智服务有限公司）</c>. An organisation the
    /// name already contains is not said twice.
    /// </summary>
    public string Text(bool withOrganisation = true, bool english = false) =>
        withOrganisation && Organisation is { Length: > 0 } o && !Name.Contains(o, StringComparison.Ordinal)
            ? english ? $"{Name} ({o})" : $"{Name}（{o}）"
            : Name;

    /// <summary>
    /// A name for an account that has none: the login's part before the <c>@</c> (the e-mail address itself is never
    /// shown as a person's name).
    /// </summary>
    public static string NameFromLogin(string userName) => userName.IndexOf('@') is > 0 and var at ? userName[..at] : userName;
}
