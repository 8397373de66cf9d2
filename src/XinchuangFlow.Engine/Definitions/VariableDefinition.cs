using System.Text.Json.Nodes;

namespace XinchuangFlow.Engine.Definitions;

/// <summary>A workflow variable.</summary>
public sealed class VariableDefinition
{
    /// <summary>Variable name, used as <c>vars.name</c> in expressions.</summary>
    public string Name { get; set; } = "";

    /// <summary>One of string, number, boolean, object, array, datetime, any.</summary>
    public string Type { get; set; } = "any";

    /// <summary>What the variable holds, as people read it (Chinese); the name is shown when it is empty.</summary>
    public string? Label { get; set; }

    /// <summary>The label English pages show.</summary>
    public string? LabelEn { get; set; }

    /// <summary>The label in the reader's language, else the name (an English page never falls back to the Chinese label).</summary>
    public string LabelIn(bool english) => (english ? LabelEn : Label) is { Length: > 0 } label ? label : Name;

    /// <summary>Initial value when an instance starts and the input does not set it.</summary>
    public JsonNode? Default { get; set; }
}
