using System.Globalization;

namespace XinchuangFlow.Web;

/// <summary>
/// Marker of the UI's shared strings: <c>Resources/SharedResource.resx</c> (Simplified Chinese, the default) and
/// <c>SharedResource.en.resx</c> (English). Pages and the API's problem texts read them through
/// <c>IStringLocalizer&lt;SharedResource&gt;</c>.
/// </summary>
public sealed class SharedResource
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The culture the language link switches to.</summary>
    public static string OtherCulture => IsEnglish ? "zh-CN" : "en";
}
