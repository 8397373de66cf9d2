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

    private static readonly (string Category, string[] Words)[] Hints =
    [
        ("database", ["数据库", "达梦", "人大金仓", "金仓", "神通", "南大通用", "GBase", "openGauss", "高斯", "瀚高"]),
        ("middleware", ["中间件", "东方通", "TongWeb", "宝兰德", "金蝶天燕", "Apusic"]),
        ("office", ["WPS", "永中", "办公软件", "文档", "表格", "版式"]),
        ("peripheral", ["打印机", "扫描仪", "复印", "外设", "高拍仪", "投影"]),
        ("network", ["网络", "交换机", "路由", "防火墙", "网线", "断网", "VPN"]),
        ("server", ["服务器", "机房", "存储"]),
        ("os", ["操作系统", "统信", "UOS", "麒麟", "Kylin", "蓝屏", "系统更新"]),
    ];

    /// <summary>
    /// The category a free text most likely concerns (a mail's subject and body), by the first hint found; "terminal"
    /// (the desktop computer, most requests' subject) when none is. The agent corrects it when it is wrong.
    /// </summary>
    public static string Guess(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "terminal";
        foreach (var (category, words) in Hints)
            if (words.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase))) return category;
        return "terminal";
    }
}
