using System.Text.Json.Nodes;

namespace XinchuangFlow.Engine.Definitions;

/// <summary>A workflow variable.</summary>
public sealed class VariableDefinition
{
    /// <summary>Variable name, used as <c>vars.name</c> in expressions.</summary>
    public string Name { get; set; } = "";

    /// <summary>One of string, number, boolean, object, array, datetime, any.</summary>
    public string Type { get; set; } = "any";

    /// <summary>Initial value when an instance starts and the input does not set it.</summary>
    public JsonNode? Default { get; set; }
}
