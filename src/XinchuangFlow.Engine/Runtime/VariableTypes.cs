using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace XinchuangFlow.Engine.Runtime;

/// <summary>Checks values against declared variable types.</summary>
public static class VariableTypes
{
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
        { "any", "string", "number", "boolean", "object", "array", "datetime" };

    public static bool Matches(string type, JsonNode value) => type switch
    {
        "string" => value.GetValueKind() == JsonValueKind.String,
        "number" => value.GetValueKind() == JsonValueKind.Number,
        "boolean" => value.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "datetime" => value is JsonValue v && v.TryGetValue<string>(out var s) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        _ => true,
    };
}
