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
