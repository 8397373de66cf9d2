using System.Text.Json;

namespace XinchuangFlow.Application.Exchange;

/// <summary>
/// A hand-written test of a batch against the exchange schema, many times faster than evaluating the schema. It answers
/// only "certainly valid": it accepts a strict subset of what the schema accepts (ASCII digits, times with seconds,
/// lengths counted in UTF-16 units, no repeated members) and says no to anything else, for the schema itself to judge
/// and explain. So it can only save work, never change a verdict. Kept in step with
/// <c>docs/schema/exchange-v1.schema.json</c>; <c>ExchangeSchemaQuickTests</c> holds it to the schema.
/// </summary>
public static class ExchangeSchemaQuick
{
    private static readonly HashSet<string> Channels = ["portal", "hotline", "email", "api", "onsite"];
    private static readonly HashSet<string> Categories = ["terminal", "os", "database", "middleware", "office", "peripheral", "network", "server"];
    private static readonly HashSet<string> Impacts = ["single", "department", "unit"];
    private static readonly HashSet<string> EventKinds =
        ["graded", "dispatched", "accepted", "set-out", "checked-in", "remote", "paused", "resumed", "resolved", "feedback", "reopened", "closed", "cancelled", "complaint", "complaint-closed"];
    private static readonly HashSet<string> Grades = ["P1", "P2", "P3", "P4"];
    private static readonly HashSet<string> Reasons = ["user", "vendor"];

    // Members of a ticket record and an event record, each a bit, to see a repeated or foreign member.
    private static readonly Dictionary<string, int> TicketMembers = Bits("type", "enterprise", "externalId", "createdAt", "channel", "procurementUnit",
        "contactName", "contactPhone", "cityCode", "countyCode", "productCategory", "vendor", "model", "cpu", "os", "title", "description", "impact");
    private static readonly Dictionary<string, int> EventMembers = Bits("type", "enterprise", "externalId", "sequence", "at", "kind", "grade", "technician",
        "servicePointCounty", "reason", "resolution", "satisfaction", "comment");

    private static Dictionary<string, int> Bits(params string[] names) => names.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => 1 << x.i, StringComparer.Ordinal);

    public static bool Holds(JsonElement batch)
    {
        if (batch.ValueKind != JsonValueKind.Object) return false;
        var seen = 0;
        JsonElement records = default;
        foreach (var member in batch.EnumerateObject())
        {
            var bit = member.Name switch { "standard" => 1, "atomic" => 2, "records" => 4, _ => 0 };
            if (bit == 0 || (seen & bit) != 0) return false;
            seen |= bit;
            var ok = bit switch
            {
                1 => member.Value.ValueKind == JsonValueKind.String && member.Value.ValueEquals("v1"),
                2 => member.Value.ValueKind is JsonValueKind.True or JsonValueKind.False,
                _ => member.Value.ValueKind == JsonValueKind.Array,
            };
            if (!ok) return false;
            if (bit == 4) records = member.Value;
        }
        if ((seen & 5) != 5) return false;
        var count = records.GetArrayLength();
        if (count is < 1 or > 1000) return false;
        foreach (var record in records.EnumerateArray())
            if (!Record(record)) return false;
        return true;
    }

    private static bool Record(JsonElement record)
    {
        if (record.ValueKind != JsonValueKind.Object) return false;
        if (!record.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String) return false;
        var isTicket = type.ValueEquals("ticket");
        if (!isTicket && !type.ValueEquals("event")) return false;
        var members = isTicket ? TicketMembers : EventMembers;
        var seen = 0;
        string? kind = null;
        foreach (var member in record.EnumerateObject())
        {
            if (!members.TryGetValue(member.Name, out var bit) || (seen & bit) != 0) return false;
            seen |= bit;
            var v = member.Value;
            var ok = member.Name switch
            {
                "type" => true,
                "enterprise" => Uuid(v),
                "externalId" => ExternalId(v),
                "createdAt" or "at" => Time(v),
                "channel" => OneOf(v, Channels),
                "procurementUnit" or "title" => Text(v, 1, 200),
                "contactName" or "vendor" or "model" or "cpu" or "os" or "technician" => Text(v, 0, 200),
                "contactPhone" => Text(v, 0, 40),
                "cityCode" => Digits(v, 4),
                "countyCode" or "servicePointCounty" => Digits(v, 6),
                "productCategory" => OneOf(v, Categories),
                "description" => Text(v, 0, 10_000),
                "impact" => OneOf(v, Impacts),
                "sequence" => Integer(v, 1, 100_000),
                "kind" => OneOf(v, EventKinds) && (kind = v.GetString()) is not null,
                "grade" => OneOf(v, Grades),
                "reason" => OneOf(v, Reasons),
                "resolution" => Text(v, 1, 10_000),
                "satisfaction" => Integer(v, 1, 5),
                "comment" => Text(v, 0, 2000),
                _ => false,
            };
            if (!ok) return false;
        }
        bool Has(string name) => (seen & members[name]) != 0;
        if (!Has("externalId") || !Has("enterprise")) return false;
        if (isTicket)
            return Has("createdAt") && Has("procurementUnit") && Has("cityCode") && Has("countyCode") && Has("productCategory") && Has("title") && Has("channel");
        if (!Has("sequence") || !Has("at") || kind is null) return false;
        return kind switch
        {
            "graded" => Has("grade"),
            "dispatched" => Has("technician") && Has("servicePointCounty"),
            "paused" => Has("reason"),
            "resolved" => Has("resolution"),
            "feedback" => Has("satisfaction"),
            _ => true,
        };
    }

    private static bool OneOf(JsonElement v, HashSet<string> values) => v.ValueKind == JsonValueKind.String && values.Contains(v.GetString()!);

    /// <summary>Any count of characters the schema might use (code points, graphemes) is at most the UTF-16 length.</summary>
    private static bool Text(JsonElement v, int min, int max) =>
        v.ValueKind == JsonValueKind.String && v.GetString()!.Length is var n && n >= min && n <= max;

    private static bool Integer(JsonElement v, int min, int max) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n >= min && n <= max && IsAsciiDigits(v.GetRawText());

    /// <summary><c>45</c> and then ASCII digits, <paramref name="length"/> in all.</summary>
    private static bool Digits(JsonElement v, int length) =>
        v.ValueKind == JsonValueKind.String && v.GetString() is { } s && s.Length == length && s.StartsWith("45", StringComparison.Ordinal) && IsAsciiDigits(s);

    private static bool ExternalId(JsonElement v)
    {
        if (v.ValueKind != JsonValueKind.String || v.GetString() is not { Length: >= 1 and <= 100 } s || !char.IsAsciiLetterOrDigit(s[0])) return false;
        foreach (var c in s)
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or ':' or '/' or '-')) return false;
        return true;
    }

    private static bool Uuid(JsonElement v)
    {
        if (v.ValueKind != JsonValueKind.String || v.GetString() is not { Length: 36 } s) return false;
        for (var i = 0; i < s.Length; i++)
            if (i is 8 or 13 or 18 or 23 ? s[i] != '-' : !char.IsAsciiHexDigit(s[i])) return false;
        return true;
    }

    /// <summary><c>yyyy-MM-ddTHH:mm:ss[.f{1,7}](Z|±hh:mm)</c>, a real day of the calendar, hours below 24 and no leap second.</summary>
    private static bool Time(JsonElement v)
    {
        if (v.ValueKind != JsonValueKind.String || v.GetString() is not { Length: >= 20 and <= 35 } s) return false;
        if (s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') return false;
        if (!Number(s, 0, 4, out var year) || !Number(s, 5, 2, out var month) || !Number(s, 8, 2, out var day) ||
            !Number(s, 11, 2, out var hour) || !Number(s, 14, 2, out var minute) || !Number(s, 17, 2, out var second)) return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return false;
        var i = 19;
        if (s[i] == '.')
        {
            var start = ++i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            if (i - start is < 1 or > 7) return false;
        }
        if (i == s.Length - 1) return s[i] == 'Z';
        return i == s.Length - 6 && s[i] is '+' or '-' && s[i + 3] == ':' && Number(s, i + 1, 2, out var oh) && Number(s, i + 4, 2, out var om) && oh <= 23 && om <= 59;
    }

    private static bool Number(string s, int start, int length, out int value)
    {
        value = 0;
        for (var i = start; i < start + length; i++)
        {
            if (!char.IsAsciiDigit(s[i])) return false;
            value = value * 10 + (s[i] - '0');
        }
        return true;
    }

    private static bool IsAsciiDigits(string s)
    {
        foreach (var c in s)
            if (!char.IsAsciiDigit(c)) return false;
        return s.Length > 0;
    }
}
