using System.Text.Json.Nodes;

namespace XinchuangFlow.Engine.Runtime;

/// <summary>Parses durations in the forms the definition format allows.</summary>
public static class Durations
{
    public static TimeSpan? Parse(JsonNode? v)
    {
        if (v is not JsonValue jv) return null;
        if (jv.TryGetValue<double>(out var seconds)) return seconds >= 0 ? TimeSpan.FromSeconds(seconds) : null;
        if (!jv.TryGetValue<string>(out var s) || string.IsNullOrWhiteSpace(s)) return null;
        s = s.Trim();
        if (s.StartsWith('P') || s.StartsWith('p'))
        {
            try { return System.Xml.XmlConvert.ToTimeSpan(s.ToUpperInvariant()); }
            catch (FormatException) { return null; }
        }
        return TimeSpan.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var ts) && ts >= TimeSpan.Zero ? ts : null;
    }
}
