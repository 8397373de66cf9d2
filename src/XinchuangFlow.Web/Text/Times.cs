using System.Globalization;
using XinchuangFlow.Domain.Time;

namespace XinchuangFlow.Web.Text;

/// <summary>
/// The one way a moment reads on screen (OPS-5): always China time (Asia/Shanghai, UTC+8 all year), whatever the
/// server's zone or the stored offset (times are stored as UTC), in one numeric style in both languages (read alike by Chinese and English readers, never 12/2 vs 2/12) —
/// <c>2025-12-02 05:22</c>, shortened to <c>12-02 05:22</c> within the current year, <c>2025-12-02</c> for a day and
/// <c>05:22</c> for a time of day. Digits and separators are never localised.
/// Every page, component and file name formats times here; a test scans the web project for any other place.
/// </summary>
public static class Times
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>What a missing time reads as.</summary>
    public const string None = "—";

    /// <summary>Date and time: <c>2025-12-02 05:22</c> (with <paramref name="seconds"/>: <c>2025-12-02 05:22:07</c>).</summary>
    public static string Full(DateTimeOffset t, bool seconds = false) =>
        t.ToChina().ToString(seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", Invariant);

    /// <inheritdoc cref="Full(DateTimeOffset, bool)"/>
    public static string Full(DateTimeOffset? t, bool seconds = false) => t is { } x ? Full(x, seconds) : None;

    /// <summary>
    /// Date and time without the year when it is this year in China: <c>12-02 05:22</c>; <c>2024-12-02 05:22</c>
    /// for another year (with <paramref name="seconds"/>: <c>12-02 05:22:07</c>).
    /// </summary>
    public static string Short(DateTimeOffset t, DateTimeOffset now, bool seconds = false)
    {
        var china = t.ToChina();
        var time = seconds ? "HH:mm:ss" : "HH:mm";
        return china.Year == now.ToChina().Year ? china.ToString("MM-dd " + time, Invariant) : china.ToString("yyyy-MM-dd " + time, Invariant);
    }

    /// <inheritdoc cref="Short(DateTimeOffset, DateTimeOffset, bool)"/>
    public static string Short(DateTimeOffset t, TimeProvider clock, bool seconds = false) => Short(t, clock.GetUtcNow(), seconds);

    /// <inheritdoc cref="Short(DateTimeOffset, DateTimeOffset, bool)"/>
    public static string Short(DateTimeOffset? t, TimeProvider clock, bool seconds = false) => t is { } x ? Short(x, clock, seconds) : None;

    /// <summary>The day in China: <c>2025-12-02</c>.</summary>
    public static string Date(DateTimeOffset t) => Date(ChinaTime.DayOf(t));

    /// <inheritdoc cref="Date(DateTimeOffset)"/>
    public static string Date(DateTimeOffset? t) => t is { } x ? Date(x) : None;

    /// <summary>A calendar day (already China's, as holidays and periods are): <c>2025-12-02</c>.</summary>
    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", Invariant);

    /// <summary>The time of day in China: <c>05:22</c> (with <paramref name="seconds"/>: <c>05:22:07</c>).</summary>
    public static string Time(DateTimeOffset t, bool seconds = false) => t.ToChina().ToString(seconds ? "HH:mm:ss" : "HH:mm", Invariant);

    /// <summary>A month as a heading: <c>2025-12</c>.</summary>
    public static string Month(DateOnly d) => d.ToString("yyyy-MM", Invariant);

    /// <summary>The format date pickers show and take (MudBlazor's default follows the culture: 2025/12/2, 12/2/2025).</summary>
    public const string PickerFormat = "yyyy-MM-dd";

    /// <summary>A moment in a file name, China time to the minute: <c>202512020522</c>.</summary>
    public static string FileStamp(DateTimeOffset t) => t.ToChina().ToString("yyyyMMddHHmm", Invariant);

    /// <summary>A day as machines read it (query strings, form values, test ids), not for people: <c>2025-12-02</c>.</summary>
    public static string Wire(DateOnly d) => d.ToString("yyyy-MM-dd", Invariant);

    /// <inheritdoc cref="Wire(DateOnly)"/>
    public static string Wire(DateTime d) => Wire(DateOnly.FromDateTime(d));
}
