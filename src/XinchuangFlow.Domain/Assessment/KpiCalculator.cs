using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Domain.Assessment;

/// <summary>
/// The service indicators (ASM-1) of a set of tickets — usually those created in a period —, per enterprise, per city
/// and over all, exactly as docs/assessment.md defines them. Cancelled tickets count in none. A clock counts when it is
/// decided: stopped (on time when it used no more running time than its target; time paused for the user or the vendor
/// is not running time), or late already (running past its deadline, or paused having used more than its target); a
/// clock still within its target at <see cref="KpiOptions.AsOf"/> is pending and not counted. Tickets reported by the
/// enterprises' own platforms count exactly like the platform's. Pure.
/// </summary>
public static class KpiCalculator
{
    public const int AgainstListed = 1000;
    public const string ByEnterprise = "enterprise", ByCity = "city", Overall = "all";

    /// <param name="cases">The tickets (created in the period) with their complaints.</param>
    /// <param name="options">When they are judged.</param>
    /// <param name="extras">Notices, articles and the staffed counties (none: those indicators have nothing to count).</param>
    public static IReadOnlyList<KpiGroup> Compute(IEnumerable<KpiCase> cases, KpiOptions options, KpiExtras? extras = null)
    {
        var all = cases.Where(c => c.Ticket.Status != TicketStatus.Cancelled).ToList();
        var groups = new List<KpiGroup> { Group(Overall, "", all, options, extras) };
        var byEnterprise = all.Where(c => c.Ticket.IntegratorId is not null).ToLookup(c => c.Ticket.IntegratorId!.Value);
        var keys = byEnterprise.Select(g => g.Key);
        if (extras is not null) keys = keys.Union(extras.NoticeList.Select(n => n.EnterpriseId)).Union(extras.ArticleList.Select(a => a.EnterpriseId));
        groups.AddRange(keys.Order().Select(e => Group(ByEnterprise, e.ToString(), byEnterprise[e].ToList(), options, extras is null ? null : Of(extras, e))));
        var byCity = all.ToLookup(c => c.Ticket.CityCode);
        var noticesIn = (extras?.NoticeList ?? []).Where(n => n.CityCode is not null).Select(n => n.CityCode!);
        groups.AddRange(byCity.Select(g => g.Key).Union(noticesIn).Order(StringComparer.Ordinal)
            .Select(city => Group(ByCity, city, byCity[city].ToList(), options, extras is null ? null : InCity(extras, city))));
        return groups;
    }

    /// <summary>One enterprise's indicators (its group whether or not it served a ticket).</summary>
    public static KpiGroup Enterprise(Guid enterprise, IEnumerable<KpiCase> cases, KpiOptions options, KpiExtras? extras = null) =>
        Group(ByEnterprise, enterprise.ToString(), cases.Where(c => c.Ticket.Status != TicketStatus.Cancelled && c.Ticket.IntegratorId == enterprise).ToList(), options,
            extras is null ? null : Of(extras, enterprise));

    /// <summary>The extras of one enterprise: its notices, its articles, its posts; coverage against every county.</summary>
    private static KpiExtras Of(KpiExtras x, Guid enterprise) => x with
    {
        Notices = x.NoticeList.Where(n => n.EnterpriseId == enterprise).ToList(), Articles = x.ArticleList.Where(a => a.EnterpriseId == enterprise).ToList(),
        Staffed = x.StaffedList.Where(p => p.EnterpriseId == enterprise).ToList(),
    };

    /// <summary>The extras of one city: its notices, no articles (they belong to no city), coverage against the city's counties.</summary>
    private static KpiExtras InCity(KpiExtras x, string city) => x with
    {
        Notices = x.NoticeList.Where(n => n.CityCode == city).ToList(), Articles = [],
        Counties = x.CountyList.Where(c => c.CityCode == city).ToList(), Staffed = x.StaffedList.Where(p => p.CountyCode.StartsWith(city, StringComparison.Ordinal)).ToList(),
    };

    /// <summary>The indicators of one group, with the group's own extras (none: the indicators on them have nothing to count).</summary>
    public static KpiGroup Group(string dimension, string key, IReadOnlyList<KpiCase> cases, KpiOptions options, KpiExtras? extras = null)
    {
        var known = extras is not null;
        extras ??= KpiExtras.None;
        var figures = new Dictionary<string, KpiFigure>(StringComparer.Ordinal);
        void Add(KpiFigure f) => figures[f.Code] = f;
        var tickets = cases.Select(c => c.Ticket).ToList();
        Add(Count(Kpis.Tickets, tickets.Count));
        Add(Count(Kpis.Reported, tickets.Count(t => t.IsReported)));

        Add(OnTime(Kpis.ResponseOnTime, tickets, t => t.Clocks().Response, options.AsOf));
        Add(OnTime(Kpis.OnSiteOnTime, tickets, t => t.Clocks().OnSite, options.AsOf));
        Add(OnTime(Kpis.OnSiteSameCityOnTime, tickets.Where(t => OnSiteBasis(t) == TargetReason.OnSiteSame), t => t.Clocks().OnSite, options.AsOf));
        Add(OnTime(Kpis.OnSiteOtherCityOnTime, tickets.Where(t => OnSiteBasis(t) == TargetReason.OnSiteOther), t => t.Clocks().OnSite, options.AsOf));
        Add(OnTime(Kpis.ResolutionOnTime, tickets, t => t.Clocks().Resolution, options.AsOf));

        var rated = tickets.Where(t => t.Satisfaction is >= 1 and <= 5).ToList();
        var sum = rated.Sum(t => t.Satisfaction!.Value);
        Add(new KpiFigure(Kpis.SatisfactionMean, rated.Count == 0 ? null : Math.Round((double)sum / rated.Count, 2), sum, rated.Count,
            Listed(rated.Where(t => t.Satisfaction <= 2)), rated.Count(t => t.Satisfaction <= 2)));
        Add(Share(Kpis.Satisfied, rated, t => t.Satisfaction >= 4));
        Add(Share(Kpis.Dissatisfied, rated, t => t.Satisfaction <= 2));

        // Resolved at least once: resolved, awaiting feedback, closed — or reopened since.
        var resolved = tickets.Where(t => t.ResolvedAt is not null || t.ReopenCount > 0 || t.Status == TicketStatus.Closed).ToList();
        Add(Share(Kpis.FirstTimeFix, resolved, t => t.FirstTimeFix && t.ReopenCount == 0));
        Add(Share(Kpis.Reopened, resolved, t => t.ReopenCount > 0));

        // Follow-up calls (ASM-6): of the calls made, how many reached the unit; of those, how many confirmed the fix.
        var called = tickets.Where(t => t.FollowUpAt is not null).ToList();
        Add(Share(Kpis.FollowUpReach, called, t => t.FollowUpReached == true));
        Add(Share(Kpis.FollowUpConfirmed, called.Where(t => t.FollowUpReached == true).ToList(), t => t.FollowUpConfirmed == true));

        var complained = cases.Where(c => c.Complaints.Count > 0).ToList();
        var complaints = cases.Sum(c => c.Complaints.Count);
        Add(new KpiFigure(Kpis.ComplaintRate, tickets.Count == 0 ? null : Math.Round(100.0 * complaints / tickets.Count, 2), complaints, tickets.Count,
            Listed(complained.Select(c => c.Ticket)), complained.Count));
        // A complaint is decided when closed, or when still open past the closure target.
        var decided = cases.SelectMany(c => c.Complaints.Select(k => (c.Ticket, Complaint: k)))
            .Where(x => x.Complaint.ClosedAt is not null || options.AsOf - x.Complaint.FiledAt > options.ComplaintClosureTarget).ToList();
        var late = decided.Where(x => (x.Complaint.ClosedAt ?? options.AsOf) - x.Complaint.FiledAt > options.ComplaintClosureTarget).ToList();
        var lateTickets = late.Select(x => x.Ticket).Distinct().ToList();
        Add(new KpiFigure(Kpis.ComplaintClosedOnTime, decided.Count == 0 ? null : Percent(decided.Count - late.Count, decided.Count), decided.Count - late.Count,
            decided.Count, Listed(lateTickets), lateTickets.Count));
        var closed = decided.Where(x => x.Complaint.ClosedAt is not null).ToList();
        var hours = closed.Sum(x => (x.Complaint.ClosedAt!.Value - x.Complaint.FiledAt).TotalHours);
        Add(new KpiFigure(Kpis.ComplaintClosureHours, closed.Count == 0 ? null : Math.Round(hours / closed.Count, 1), Math.Round(hours, 1), closed.Count, Listed(lateTickets),
            lateTickets.Count));

        // Knowledge (ASM-1): the articles published; of the platform's tickets resolved at least once, the share that cite one
        // (the exchange standard carries no citation, so reported tickets are not counted).
        Add(new KpiFigure(Kpis.KnowledgeContributions, dimension == ByCity || !known ? null : extras.ArticleList.Count, extras.ArticleList.Count, extras.ArticleList.Count, [], 0));
        Add(Share(Kpis.KnowledgeCited, resolved.Where(t => !t.IsReported).ToList(), t => !string.IsNullOrEmpty(t.CitedArticles)));
        // County coverage: the counties with a staffed service point (any enterprise's for a city or the region), the uncovered ones listed.
        var counties = known ? extras.CountyList : [];
        var staffed = extras.StaffedList.Select(p => p.CountyCode).ToHashSet(StringComparer.Ordinal);
        var bare = counties.Where(c => !staffed.Contains(c.Code)).ToList();
        Add(new KpiFigure(Kpis.CountyCoverage, counties.Count == 0 ? null : Percent(counties.Count - bare.Count, counties.Count), counties.Count - bare.Count, counties.Count,
            bare.Select(c => c.Code).Take(AgainstListed).ToList(), bare.Count));

        // Supervision notices (ASM-7): how many were issued; of those decided (an answer stands, the deadline in force has
        // passed, or an answer already came late), the share whose every answer came by the deadline in force for it — a
        // returned answer owes a new one, and one late answer, before or after a return, makes the notice late.
        var notices = extras.NoticeList;
        Add(new KpiFigure(Kpis.SupervisionNotices, known ? notices.Count : null, notices.Count, notices.Count, notices.Select(n => n.Number).Take(AgainstListed).ToList(), notices.Count));
        var due = notices.Where(n => n.AnsweredAt is not null || n.Late || options.AsOf > n.Deadline).ToList();
        var missed = due.Where(n => n.Late || n.AnsweredAt is not { } at || at > n.Deadline).ToList();
        Add(new KpiFigure(Kpis.SupervisionOnTime, due.Count == 0 ? null : Percent(due.Count - missed.Count, due.Count), due.Count - missed.Count, due.Count,
            missed.Select(n => n.Number).Take(AgainstListed).ToList(), missed.Count));
        return new KpiGroup(dimension, key, figures);
    }

    private static KpiFigure Count(string code, int n) => new(code, n, n, n, [], 0);

    private static double Percent(int part, int whole) => Math.Round(100.0 * part / whole, 2);

    private static KpiFigure Share(string code, IReadOnlyList<Ticket> tickets, Func<Ticket, bool> counts)
    {
        var yes = tickets.Count(counts);
        // The tickets that count against: those not counted for a share where more is better, those counted where less is.
        var against = Kpis.LowerIsBetter(code) ? tickets.Where(counts).ToList() : tickets.Where(t => !counts(t)).ToList();
        return new KpiFigure(code, tickets.Count == 0 ? null : Percent(yes, tickets.Count), yes, tickets.Count, Listed(against), against.Count);
    }

    /// <summary>The share of decided clocks that kept their target; the late ones are listed.</summary>
    private static KpiFigure OnTime(string code, IEnumerable<Ticket> tickets, Func<Ticket, SlaClock> clockOf, DateTimeOffset asOf)
    {
        int decided = 0, onTime = 0;
        var late = new List<Ticket>();
        foreach (var t in tickets)
        {
            var clock = clockOf(t);
            if (clock.State == ClockState.NotStarted) continue;
            if (t.IsLate(clock, asOf))
            {
                decided++;
                late.Add(t);
            }
            else if (clock.State == ClockState.Stopped)
            {
                decided++;
                onTime++;
            }
        }
        return new KpiFigure(code, decided == 0 ? null : Percent(onTime, decided), onTime, decided, Listed(late), late.Count);
    }

    private static string? OnSiteBasis(Ticket t) => TargetReason.Decode(t.Clocks().OnSite.TargetReason)?.Basis;

    private static IReadOnlyList<string> Listed(IEnumerable<Ticket> tickets) => tickets.Select(t => t.Number).Take(AgainstListed).ToList();
}
