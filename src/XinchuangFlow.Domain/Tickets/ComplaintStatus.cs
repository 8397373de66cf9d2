namespace XinchuangFlow.Domain.Tickets;

/// <summary>Complaint statuses (FLOW-2): filed → handling (enterprise) → reviewing (coordinator) → confirming (user) → closed.</summary>
public static class ComplaintStatus
{
    public const string Filed = "filed";
    public const string Handling = "handling";
    public const string Reviewing = "reviewing";
    public const string Confirming = "confirming";
    public const string Closed = "closed";

    public static readonly IReadOnlyDictionary<string, string> NamesZh = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Filed] = "已提交", [Handling] = "企业处理中", [Reviewing] = "市级审核中", [Confirming] = "待用户确认", [Closed] = "已办结",
    };

    public static bool IsKnown(string status) => NamesZh.ContainsKey(status);
}
