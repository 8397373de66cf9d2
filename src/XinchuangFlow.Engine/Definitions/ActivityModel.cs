using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace XinchuangFlow.Engine.Definitions;

/// <summary>One node of the flowchart.</summary>
public sealed class ActivityModel
{
    /// <summary>Identifier unique within the definition; tasks, bookmarks and journal entries refer to it.</summary>
    public string Id { get; set; } = "";

    /// <summary>The stable activity type key, e.g. <c>xf.UserTask</c>.</summary>
    public string Type { get; set; } = "";

    /// <summary>Label shown in the designer and the journal.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The label in English, for readers who chose English (the label otherwise).</summary>
    public string? DisplayNameEn { get; set; }

    /// <summary>The label in the reader's language, or null when the step has none.</summary>
    public string? DisplayNameIn(bool english) =>
        english && !string.IsNullOrWhiteSpace(DisplayNameEn) ? DisplayNameEn : string.IsNullOrWhiteSpace(DisplayName) ? null : DisplayName;

    /// <summary>Input values: a JSON literal, or <c>{"expr": "javascript"}</c> for an expression.</summary>
    public Dictionary<string, JsonNode?> Inputs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Position on the designer canvas.</summary>
    public DesignerPosition? Position { get; set; }

    /// <summary>The label if any, else the id.</summary>
    [JsonIgnore]
    public string Label => string.IsNullOrWhiteSpace(DisplayName) ? Id : $"{DisplayName} ({Id})";
}
