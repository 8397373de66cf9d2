namespace XinchuangFlow.Domain.Tickets;

/// <summary>Ticket statuses of the work-order standard (docs/work-order-standard.md).</summary>
public static class TicketStatus
{
    public const string Submitted = "submitted";
    public const string Graded = "graded";
    public const string Dispatched = "dispatched";
    public const string Accepted = "accepted";
    public const string Travelling = "travelling";
    public const string OnSite = "onsite";
    public const string Remote = "remote";
    public const string VendorSupport = "vendorSupport";
    public const string Resolved = "resolved";
    public const string AwaitingFeedback = "awaitingFeedback";
    public const string Closed = "closed";
    public const string Reopened = "reopened";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyDictionary<string, string> NamesZh = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Submitted] = "已受理", [Graded] = "已定级", [Dispatched] = "已派单", [Accepted] = "已接单", [Travelling] = "出发",
        [OnSite] = "已到场", [Remote] = "远程处理", [VendorSupport] = "厂商支持中", [Resolved] = "已解决",
        [AwaitingFeedback] = "待评价", [Closed] = "已关闭", [Reopened] = "已重开", [Cancelled] = "已撤销",
    };

    /// <summary>Every status, in the usual order of work (a reopened ticket goes back to be accepted again).</summary>
    public static IReadOnlyList<string> All => InOrder;

    private static readonly string[] InOrder =
    [
        Submitted, Graded, Dispatched, Reopened, Accepted, Travelling, OnSite, Remote, VendorSupport, Resolved, AwaitingFeedback, Closed, Cancelled,
    ];

    public static bool IsKnown(string status) => All.Contains(status);

    /// <summary>Whether <paramref name="status"/> is at or beyond <paramref name="step"/> in the usual order of work (a cancelled ticket is past everything).</summary>
    public static bool IsPast(string status, string step) =>
        status == Cancelled || Array.IndexOf(InOrder, status) >= Array.IndexOf(InOrder, step);
    public static bool IsFinal(string status) => status is Closed or Cancelled;
}
