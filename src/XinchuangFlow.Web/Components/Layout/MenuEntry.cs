using Microsoft.AspNetCore.Components.Routing;

namespace XinchuangFlow.Web.Components.Layout;

/// <summary>
/// A link of the navigation drawer: the page it opens (whose own <c>[Authorize]</c> decides who sees the link), where,
/// with which icon and which text (a key of the shared resources).
/// </summary>
public sealed record MenuEntry(Type Page, string Href, string Icon, string Label, NavLinkMatch Match = NavLinkMatch.Prefix);
