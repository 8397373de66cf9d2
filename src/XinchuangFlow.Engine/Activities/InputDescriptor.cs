using System.Text.Json.Nodes;

namespace XinchuangFlow.Engine.Activities;

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
