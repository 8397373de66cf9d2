using Microsoft.Extensions.Localization;
using XinchuangFlow.Application.Network;

namespace XinchuangFlow.Web.Text;

/// <summary>How the coverage page and the dashboard sum a coverage map up, in the reader's language.</summary>
public static class CoverageTexts
{
    /// <summary>"共 111 个县（市、区），其中 1 个无集成商网点"; for an enterprise, how many of the counties it covers itself.</summary>
    public static string Summary(IStringLocalizer L, CoverageOverview m) => m.Reach.Enterprise is not null
        ? string.Format(L["Coverage.SummaryOwn"], m.Counties.Count - m.UncoveredCount, m.Counties.Count)
        : string.Format(L["Coverage.Summary"], m.Counties.Count, m.UncoveredCount);

    /// <summary>Whether a county is covered, in a sentence: no integrator / which ones; for an enterprise, whether it covers it itself.</summary>
    public static string Status(IStringLocalizer L, CountyCoverage c, bool own) => own
        ? (c.Uncovered ? L["Coverage.Tip.OwnNone"] : L["Coverage.Tip.Own"])
        : c.Uncovered ? L["Coverage.Tip.None"]
        : string.Format(L["Coverage.Tip.Some"], c.Covering, string.Join(SharedResource.IsEnglish ? ", " : "、", c.CoveredBy));
}
