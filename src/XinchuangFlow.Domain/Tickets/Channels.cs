namespace XinchuangFlow.Domain.Tickets;

/// <summary>受理渠道.</summary>
public static class Channels
{
    public static readonly IReadOnlyDictionary<string, string> NamesZh = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["portal"] = "在线平台", ["hotline"] = "服务热线", ["email"] = "服务邮箱", ["api"] = "平台对接", ["onsite"] = "现场",
    };
}
