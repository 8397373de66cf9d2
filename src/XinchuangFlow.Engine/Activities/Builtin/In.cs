using System.Text.Json.Nodes;

namespace XinchuangFlow.Engine.Activities.Builtin;

/// <summary>Short-hand for input descriptors.</summary>
internal static class In
{
    public static InputDescriptor Of(string name, InputKind kind, string zh, string en, bool required = false, bool expr = true, JsonNode? @default = null, string? hintZh = null, string? hintEn = null) =>
        new(name, kind, zh, en, required, expr, @default, hintZh, hintEn);
}
