using System.Globalization;
using XinchuangFlow.Domain.Network;

namespace XinchuangFlow.Web.Text;

/// <summary>
/// Why a shortlist decision was made, in the reader's language: a reason the system wrote (<see cref="ShortlistReason"/>,
/// e.g. a build-out evaluation's rectification order) from the resources with its arguments; a reason a person typed
/// as they typed it.
/// </summary>
public static class ShortlistReasons
{
    /// <summary>The stored reason as words; <paramref name="authored"/> says whether a person wrote them (not translated).</summary>
    public static string Text(string? stored, out bool authored)
    {
        authored = false;
        if (ShortlistReason.Decode(stored) is { } r) return Text(r);
        authored = true;
        return stored ?? "";
    }

    public static string Text(string? stored) => Text(stored, out _);

    public static string Text(ShortlistReason r) => r.Code switch
    {
        ShortlistReason.BuildOutRectify => SharedTexts.Format("Shortlist.Reason.buildout-rectify", r.Round,
            SharedTexts.Find("Assessment.Grade." + r.Grade) ?? r.Grade, (r.Total ?? 0).ToString("0.#", CultureInfo.CurrentCulture)),
        _ => r.ToString(),
    };
}
