using System.Text.Json.Nodes;

namespace XinchuangFlow.Engine.Activities;

/// <summary>Marks an activity class with its stable type key, which is what definitions store.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute(string type, string category, string displayNameZh, string displayNameEn) : Attribute
{
    public string Type { get; } = type;
    public string Category { get; } = category;
    public string DisplayNameZh { get; } = displayNameZh;
    public string DisplayNameEn { get; } = displayNameEn;
    /// <summary>Optional description shown in the designer (Chinese).</summary>
    public string? DescriptionZh { get; init; }
    /// <summary>Optional description shown in the designer (English).</summary>
    public string? DescriptionEn { get; init; }
}

/// <summary>Value types an input can hold; the designer picks an editor from it.</summary>
public enum InputKind { String, Text, Number, Boolean, Duration, DateTime, StringList, Json, Form, Cases, VariableName, Outcomes, Role, User, Definition }

/// <summary>Describes one input of an activity.</summary>
public sealed record InputDescriptor(
    string Name,
    InputKind Kind,
    string DisplayNameZh,
    string DisplayNameEn,
    bool Required = false,
    bool ExpressionAllowed = true,
    JsonNode? Default = null,
    string? HintZh = null,
    string? HintEn = null);

/// <summary>Everything the designer, inbox and rule editors need to know about an activity type.</summary>
public sealed record ActivityDescriptor(
    string Type,
    string Category,
    string DisplayNameZh,
    string DisplayNameEn,
    string? DescriptionZh,
    string? DescriptionEn,
    IReadOnlyList<InputDescriptor> Inputs,
    IReadOnlyList<string> Outcomes,
    string? OutcomesFromInput,
    bool IsWaiting,
    bool IsStart,
    bool IsTerminal)
{
    /// <summary>The input with this name, or null.</summary>
    public InputDescriptor? FindInput(string name) => Inputs.FirstOrDefault(i => i.Name == name);
}
