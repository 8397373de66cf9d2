using System.Globalization;
using Microsoft.Extensions.Localization;
using XinchuangFlow.Domain.Assessment;

namespace XinchuangFlow.Web.Text;

/// <summary>How the pages write an indicator's value and a quarter's name, in the reader's language.</summary>
public static class KpiTexts
{
    /// <summary>The page of what counts against a figure: a supervision notice for the notices' indicators, else a ticket.</summary>
    public static string? AgainstLink(string code, string number) => code switch
    {
        Kpis.SupervisionNotices or Kpis.SupervisionOnTime => $"/supervision/{number}",
        Kpis.CountyCoverage => null,
        _ => $"/tickets/{number}",
    };

    /// <summary>The title of the list against a figure: tickets, notices or counties.</summary>
    public static string AgainstTitleKey(string code) => code switch
    {
        Kpis.SupervisionNotices => "Kpi.AgainstTitleAllNotices",
        Kpis.SupervisionOnTime => "Kpi.AgainstTitleNotices",
        Kpis.CountyCoverage => "Kpi.AgainstTitleCounties",
        _ => "Kpi.AgainstTitle",
    };

    /// <summary>How an item against a figure reads: a county by its name, anything else by its number.</summary>
    public static string AgainstText(string code, string item) =>
        code == Kpis.CountyCoverage ? XinchuangFlow.Domain.Network.GuangxiDivisions.Shipped.Find(item)?.Name ?? item : item;

    public static string Value(IStringLocalizer L, KpiFigure f) => f.Value is not { } v ? L["Kpi.None"] : f.Code switch
    {
        Kpis.Tickets or Kpis.Reported or Kpis.SupervisionNotices or Kpis.KnowledgeContributions => v.ToString("0", CultureInfo.InvariantCulture),
        Kpis.SatisfactionMean => v.ToString("0.00", CultureInfo.InvariantCulture),
        Kpis.ComplaintRate => string.Format(L["Kpi.PerHundred"], v.ToString("0.##", CultureInfo.InvariantCulture)),
        Kpis.ComplaintClosureHours => string.Format(L["Kpi.Hours"], v.ToString("0.#", CultureInfo.InvariantCulture)),
        _ => v.ToString("0.##", CultureInfo.InvariantCulture) + "%",
    };

    /// <summary>"2026 年第 3 季度" for <c>2026Q3</c>.</summary>
    public static string QuarterName(IStringLocalizer L, string q) => q.Length == 6 ? string.Format(L["Kpi.QuarterName"], q[..4], q[5..]) : q;

    /// <summary>A number of points or a total, as the pages write it.</summary>
    public static string Number(double? v) => v is { } x ? x.ToString("0.##", CultureInfo.InvariantCulture) : "—";
}
