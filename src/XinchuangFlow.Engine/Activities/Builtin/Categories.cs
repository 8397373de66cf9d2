using System.Text.Json.Nodes;

namespace XinchuangFlow.Engine.Activities.Builtin;

/// <summary>Designer palette categories (Chinese labels; the UI translates them).</summary>
public static class Categories
{
    public const string Flow = "流程控制";
    public const string Human = "人工任务";
    public const string Time = "时间";
    public const string Data = "数据";
    public const string Integration = "集成";
}

/// <summary>Short-hand for input descriptors.</summary>
internal static class In
{
    public static InputDescriptor Of(string name, InputKind kind, string zh, string en, bool required = false, bool expr = true, JsonNode? @default = null, string? hintZh = null, string? hintEn = null) =>
        new(name, kind, zh, en, required, expr, @default, hintZh, hintEn);
}
