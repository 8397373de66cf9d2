using System.Globalization;

namespace XinchuangFlow.Web.Text;

/// <summary>
/// The one way a duration reads on screen: "4 小时", "1 天 2 小时", "30 分钟" in Chinese, "4 h", "1 d 2 h", "30 min"
/// in English — never ISO 8601. Whole minutes; days, hours and minutes that are zero are left out.
/// </summary>
public static class Durations
{
    /// <summary>A duration in one rounded unit, for a figure in a small space: "1.6 天", "4.3 小时", "25 分钟" ("1.6 d", "4.3 h", "25 min").</summary>
    public static string Approx(TimeSpan span, CultureInfo? culture = null)
    {
        var c = culture ?? CultureInfo.CurrentUICulture;
        var english = c.TwoLetterISOLanguageName == "en";
        var abs = span.Duration();
        return abs.TotalDays >= 1 ? string.Format(c, english ? "{0:0.#} d" : "{0:0.#} 天", span.TotalDays)
            : abs.TotalHours >= 1 ? string.Format(c, english ? "{0:0.#} h" : "{0:0.#} 小时", span.TotalHours)
            : string.Format(c, english ? "{0:0} min" : "{0:0} 分钟", span.TotalMinutes);
    }

    public static string Text(TimeSpan span, CultureInfo? culture = null)
    {
        var english = (culture ?? CultureInfo.CurrentUICulture).TwoLetterISOLanguageName == "en";
        var sign = span < TimeSpan.Zero ? "-" : "";
        var minutes = (long)Math.Round(Math.Abs(span.TotalMinutes));
        var (d, h, m) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
        var parts = new List<string>(3);
        if (d > 0) parts.Add(english ? $"{d} d" : $"{d} 天");
        if (h > 0) parts.Add(english ? $"{h} h" : $"{h} 小时");
        if (m > 0 || parts.Count == 0) parts.Add(english ? $"{m} min" : $"{m} 分钟");
        return sign + string.Join(" ", parts);
    }
}
