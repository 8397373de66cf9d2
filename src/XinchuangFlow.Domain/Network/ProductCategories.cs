namespace XinchuangFlow.Domain.Network;

/// <summary>Product categories of the work-order standard (stable codes; Chinese names for the UI).</summary>
public static class ProductCategories
{
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["terminal"] = "终端",
        ["os"] = "操作系统",
        ["database"] = "数据库",
        ["middleware"] = "中间件",
        ["office"] = "办公软件",
        ["peripheral"] = "外设",
        ["network"] = "网络设备",
        ["server"] = "服务器",
    };

    public static bool IsKnown(string code) => Names.ContainsKey(code);
}
