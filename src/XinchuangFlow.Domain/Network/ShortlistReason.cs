using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace XinchuangFlow.Domain.Network;

/// <summary>
/// A reason the system writes on a shortlist decision (not a person's words): what led to it, as data, stored in
/// <see cref="ShortlistDecision.Reason"/> (and a build-out history line's note) as compact JSON (<see cref="Encode"/>) and
/// turned into words only where it is read — in the reader's language on a page, in English for the API and logs
/// (<see cref="ToString"/>). A reason a person typed is stored as typed and shown as it is.
/// </summary>
public sealed record ShortlistReason
{
    /// <summary>A build-out evaluation confirmed at 基本合格 or worse: rectify, then evaluate again.</summary>
    public const string BuildOutRectify = "buildout-rectify";

    [JsonPropertyName("r")] public string Code { get; init; } = BuildOutRectify;
    /// <summary>The build-out evaluation's round.</summary>
    [JsonPropertyName("n")] public int? Round { get; init; }
    /// <summary>The result band (<c>AssessmentGradeCodes</c>).</summary>
    [JsonPropertyName("g")] public string? Grade { get; init; }
    /// <summary>The total points.</summary>
    [JsonPropertyName("t")] public double? Total { get; init; }

    private const string Prefix = "{\"r\":";
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static ShortlistReason BuildOut(int round, string grade, double total) =>
        new() { Code = BuildOutRectify, Round = round, Grade = grade, Total = Math.Round(total, 1) };

    /// <summary>The stored form.</summary>
    public string Encode() => JsonSerializer.Serialize(this, Json);

    /// <summary>The coded reason stored; null for a person's words (shown as they are).</summary>
    public static ShortlistReason? Decode(string? stored)
    {
        if (stored is null || !stored.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        try { return JsonSerializer.Deserialize<ShortlistReason>(stored, Json); }
        catch (JsonException) { return null; }
    }

    /// <summary>English for the API and logs: a coded reason described, a person's words as they are.</summary>
    public static string Describe(string? stored) => Decode(stored)?.ToString() ?? stored ?? "";

    public override string ToString() => Code switch
    {
        BuildOutRectify => string.Create(CultureInfo.InvariantCulture,
            $"Build-out evaluation round {Round}: {Grade} ({Total:0.#} points); rectify, then it is evaluated again."),
        _ => Code,
    };
}
