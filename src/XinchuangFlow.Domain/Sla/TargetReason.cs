using System.Text.Json;
using System.Text.Json.Serialization;

namespace XinchuangFlow.Domain.Sla;

/// <summary>
/// Why a clock has its target (INB-2, SLA-1/2): what decided it — a grade's response or resolution target, the on-site
/// rule for a service point in the requester's city or another one, or a target the flow definition fixes —, with the
/// grade, the cities, where the value came from (the regional default, the city's override, the city's override for the
/// grade), the rule set and version, and what changed it later (recomputed, a grade override, a new policy while
/// paused). Stored with the clock as compact JSON (<see cref="Encode"/>) and turned into text only where it is read: in
/// the reader's language on a page, in English for the API and logs (<see cref="ToString"/>).
/// </summary>
public sealed record TargetReason
{
    /// <summary>What decided the target.</summary>
    public const string Response = "response", Resolution = "resolution", OnSiteSame = "onsite-same", OnSiteOther = "onsite-other", Definition = "definition";
    /// <summary>Where an on-site value came from.</summary>
    public const string FromRegion = "region", FromCity = "city", FromCityGrade = "city-grade";
    /// <summary>What changed the target after it was set.</summary>
    public const string Recomputed = "recomputed", GradeOverridden = "grade-overridden", PolicyChanged = "policy-changed";

    [JsonPropertyName("b")] public string Basis { get; init; } = Definition;
    [JsonPropertyName("g")] public string? Grade { get; init; }
    /// <summary>The requester's city (code) and, for another city's service point, the service point's.</summary>
    [JsonPropertyName("rc")] public string? RequesterCity { get; init; }
    [JsonPropertyName("pc")] public string? PointCity { get; init; }
    [JsonPropertyName("f")] public string? From { get; init; }
    /// <summary>The rule set's scope (<c>region</c> or a city code) and version, when known.</summary>
    [JsonPropertyName("s")] public string? Scope { get; init; }
    [JsonPropertyName("v")] public int? Version { get; init; }
    [JsonPropertyName("n")] public string? Note { get; init; }
    /// <summary>Who overrode the grade.</summary>
    [JsonPropertyName("by")] public string? By { get; init; }

    private const string Prefix = "{\"b\":";
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The stored form (the clock's <c>TargetReason</c>).</summary>
    public string Encode() => JsonSerializer.Serialize(this, Json);

    /// <summary>The reason a clock stores; null for a text stored before reasons were structured (shown as it is).</summary>
    public static TargetReason? Decode(string? stored)
    {
        if (stored is null || !stored.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        try { return JsonSerializer.Deserialize<TargetReason>(stored, Json); }
        catch (JsonException) { return null; }
    }

    /// <summary>English for the API and logs: the stored reason described, or a legacy text as it is.</summary>
    public static string? Describe(string? stored) => Decode(stored)?.ToString() ?? stored;

    public TargetReason With(string note, string? by = null) => this with { Note = note, By = by ?? By };

    public TargetReason Under(string scope, int? version) => this with { Scope = scope, Version = version };

    public override string ToString()
    {
        var what = Basis switch
        {
            Response => $"{Grade} response target",
            Resolution => $"{Grade} resolution target",
            OnSiteSame => $"service point in the requester's city ({RequesterCity})",
            OnSiteOther => $"service point in {PointCity}, requester in {RequesterCity}",
            _ => "target fixed by the flow definition",
        };
        var from = From switch { FromCity => " (city override)", FromCityGrade => $" ({Grade} city override)", FromRegion => " (regional default)", _ => "" };
        var rules = Scope is null ? "" : $" (rules sla/{Scope}{(Version is { } v ? $" v{v}" : "")})";
        var note = Note switch
        {
            Recomputed => "; recomputed",
            GradeOverridden => $"; grade overridden by {By}",
            PolicyChanged => "; policy changed while paused",
            _ => "",
        };
        return what + from + rules + note;
    }
}
