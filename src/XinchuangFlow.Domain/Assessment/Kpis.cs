using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Domain.Assessment;

/// <summary>The indicators of ASM-1, by stable code (docs/assessment.md defines each).</summary>
public static class Kpis
{
    public const string ResponseOnTime = "response-on-time", OnSiteOnTime = "onsite-on-time", OnSiteSameCityOnTime = "onsite-same-city-on-time",
        OnSiteOtherCityOnTime = "onsite-other-city-on-time", ResolutionOnTime = "resolution-on-time", SatisfactionMean = "satisfaction-mean",
        Satisfied = "satisfied", Dissatisfied = "dissatisfied", FirstTimeFix = "first-time-fix", Reopened = "reopened", ComplaintRate = "complaint-rate",
        ComplaintClosedOnTime = "complaint-closed-on-time", ComplaintClosureHours = "complaint-closure-hours", Tickets = "tickets", Reported = "reported",
        FollowUpReach = "followup-reach", FollowUpConfirmed = "followup-confirmed", SupervisionNotices = "supervision-notices",
        SupervisionOnTime = "supervision-on-time", KnowledgeContributions = "knowledge-contributions", KnowledgeCited = "knowledge-cited",
        CountyCoverage = "county-coverage";

    /// <summary>In the order a report lists them.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        Tickets, Reported, ResponseOnTime, OnSiteOnTime, OnSiteSameCityOnTime, OnSiteOtherCityOnTime, ResolutionOnTime, SatisfactionMean, Satisfied,
        Dissatisfied, FirstTimeFix, Reopened, ComplaintRate, ComplaintClosedOnTime, ComplaintClosureHours, FollowUpReach, FollowUpConfirmed,
        SupervisionNotices, SupervisionOnTime, KnowledgeContributions, KnowledgeCited, CountyCoverage,
    ];

    /// <summary>Indicators where a higher value is worse (the tickets behind them are the ones that count against).</summary>
    public static bool LowerIsBetter(string code) => code is Dissatisfied or Reopened or ComplaintRate or ComplaintClosureHours or SupervisionNotices;
}

/// <summary>A complaint about a ticket: when it was filed and closed.</summary>
public sealed record KpiComplaint(DateTimeOffset FiledAt, DateTimeOffset? ClosedAt);

/// <summary>A ticket as the indicators read it, with its complaints.</summary>
public sealed record KpiCase(Ticket Ticket, IReadOnlyList<KpiComplaint> Complaints);

/// <summary>
/// One indicator of one group: the value (a share in percent, a mean, a rate per 100 tickets or hours), the numerator
/// and denominator it was computed from, and the numbers of the tickets that count against it (at most
/// <see cref="KpiCalculator.AgainstListed"/> listed, <see cref="AgainstTotal"/> in all). Null value: nothing to count.
/// </summary>
public sealed record KpiFigure(string Code, double? Value, double Numerator, int Denominator, IReadOnlyList<string> Against, int AgainstTotal);

/// <summary>The indicators of one group of tickets (an enterprise, a city, or all).</summary>
public sealed record KpiGroup(string Dimension, string Key, IReadOnlyDictionary<string, KpiFigure> Figures)
{
    public KpiFigure this[string code] => Figures[code];
}

/// <summary>An article of the knowledge base as the indicators read it: whose, and when it was published.</summary>
public sealed record KpiArticle(string Number, Guid EnterpriseId, DateTimeOffset PublishedAt);

/// <summary>A county where an enterprise has a service point staffed by an active technician with a valid certificate.</summary>
public sealed record KpiPost(Guid EnterpriseId, string CountyCode);

/// <summary>
/// What the indicators read beside the tickets: the supervision notices issued in the period (ASM-7), the knowledge
/// articles published in it, and the counties staffed at its end (the network as it stands).
/// </summary>
/// <param name="Notices">The supervision notices issued in the period.</param>
/// <param name="Articles">The enterprises' knowledge articles published in the period.</param>
/// <param name="Staffed">The counties staffed at the period's end, per enterprise.</param>
/// <param name="Counties">The counties coverage is measured against (code, name, city): Guangxi's by default.</param>
public sealed record KpiExtras(IReadOnlyList<KpiNotice>? Notices = null, IReadOnlyList<KpiArticle>? Articles = null, IReadOnlyList<KpiPost>? Staffed = null,
    IReadOnlyList<XinchuangFlow.Domain.Network.Division>? Counties = null)
{
    public static readonly KpiExtras None = new();
    public IReadOnlyList<KpiNotice> NoticeList => Notices ?? [];
    public IReadOnlyList<KpiArticle> ArticleList => Articles ?? [];
    public IReadOnlyList<KpiPost> StaffedList => Staffed ?? [];
    public IReadOnlyList<XinchuangFlow.Domain.Network.Division> CountyList => Counties ?? XinchuangFlow.Domain.Network.GuangxiDivisions.Shipped.Counties;
}

/// <summary>What the indicators need beyond the tickets.</summary>
/// <param name="AsOf">The moment they are computed at: a clock still running within its target then is not yet decided and not counted.</param>
/// <param name="ComplaintClosureTarget">A complaint closed within this time of its filing is closed on time.</param>
public sealed record KpiOptions(DateTimeOffset AsOf, TimeSpan ComplaintClosureTarget)
{
    public static readonly TimeSpan DefaultComplaintClosure = TimeSpan.FromDays(15);
}
