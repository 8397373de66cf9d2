using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace XinchuangFlow.Domain.Tickets;

/// <summary>
/// A ticket status of the work-order standard (docs/work-order-standard.md). A typed value: only the thirteen statuses
/// below exist, so a misspelt one is refused where it is read (a definition, a request, a database row) instead of being
/// stored. Written as its code (<c>"onsite"</c>) in JSON, in the database and on the wire.
/// </summary>
[JsonConverter(typeof(CodeJsonConverter<TicketStatus>))]
public readonly record struct TicketStatus : IParsable<TicketStatus>
{
    private readonly string? _code;

    private TicketStatus(string code) => _code = code;

    /// <summary>The code of the standard; a default value reads as <see cref="Submitted"/>.</summary>
    public string Code => _code ?? "submitted";

    public static readonly TicketStatus Submitted = new("submitted");
    public static readonly TicketStatus Graded = new("graded");
    public static readonly TicketStatus Dispatched = new("dispatched");
    public static readonly TicketStatus Accepted = new("accepted");
    public static readonly TicketStatus Travelling = new("travelling");
    public static readonly TicketStatus OnSite = new("onsite");
    public static readonly TicketStatus Remote = new("remote");
    public static readonly TicketStatus VendorSupport = new("vendorSupport");
    public static readonly TicketStatus Resolved = new("resolved");
    public static readonly TicketStatus AwaitingFeedback = new("awaitingFeedback");
    public static readonly TicketStatus Closed = new("closed");
    public static readonly TicketStatus Reopened = new("reopened");
    public static readonly TicketStatus Cancelled = new("cancelled");

    /// <summary>Every status, in the usual order of work (a reopened ticket goes back to be accepted again).</summary>
    public static IReadOnlyList<TicketStatus> All { get; } =
    [
        Submitted, Graded, Dispatched, Reopened, Accepted, Travelling, OnSite, Remote, VendorSupport, Resolved, AwaitingFeedback, Closed, Cancelled,
    ];

    private static readonly Dictionary<string, string> NameZhOf = new(StringComparer.Ordinal)
    {
        ["submitted"] = "已受理", ["graded"] = "已定级", ["dispatched"] = "已派单", ["accepted"] = "已接单", ["travelling"] = "出发",
        ["onsite"] = "已到场", ["remote"] = "远程处理", ["vendorSupport"] = "厂商支持中", ["resolved"] = "已解决",
        ["awaitingFeedback"] = "待评价", ["closed"] = "已关闭", ["reopened"] = "已重开", ["cancelled"] = "已撤销",
    };

    /// <summary>The Chinese name of the standard (已到场).</summary>
    public string NameZh => NameZhOf[Code];

    /// <summary>Closed or cancelled: nothing more happens to the ticket.</summary>
    public bool IsFinal => this == Closed || this == Cancelled;

    /// <summary>Whether this status is at or beyond <paramref name="step"/> in the usual order of work (a cancelled ticket is past everything).</summary>
    public bool IsPast(TicketStatus step) => this == Cancelled || Order(this) >= Order(step);

    private static int Order(TicketStatus status)
    {
        for (var i = 0; i < All.Count; i++) if (All[i] == status) return i;
        return -1;
    }

    public static bool IsKnown([NotNullWhen(true)] string? code) => code is not null && NameZhOf.ContainsKey(code);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out TicketStatus result)
    {
        result = IsKnown(s) ? All.First(x => x.Code == s) : default;
        return IsKnown(s);
    }

    public static bool TryParse([NotNullWhen(true)] string? s, out TicketStatus result) => TryParse(s, null, out result);

    /// <summary>The status of a code; a code that is none is a <see cref="FormatException"/> naming the statuses that exist.</summary>
    public static TicketStatus Parse(string s, IFormatProvider? provider = null) =>
        TryParse(s, provider, out var status) ? status
            : throw new FormatException($"'{s}' is not a ticket status; the statuses are {string.Join(", ", All)}.");

    public bool Equals(TicketStatus other) => string.Equals(Code, other.Code, StringComparison.Ordinal);

    public override int GetHashCode() => Code.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Code;
}
