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

    /// <summary>
    /// What a figure counts, over what, in words: "12 / 15 张工单按时响应", "3 件投诉 / 150 张工单" — never a bare fraction.
    /// </summary>
    public static string Counted(IStringLocalizer L, KpiFigure f) =>
        string.Format(L["Kpi.Count." + f.Code], f.Numerator.ToString("0.#", CultureInfo.InvariantCulture), f.Denominator);

    /// <summary>What the list under a figure holds, with how many: "未按时响应的工单（3 张）", "被投诉的工单（2 张）".</summary>
    public static string AgainstTitle(IStringLocalizer L, KpiFigure f) => string.Format(L["Kpi.Against." + f.Code], f.AgainstTotal);

    /// <summary>Which way is better for the indicator; null for a plain count (tickets, reported tickets).</summary>
    public static string? Direction(IStringLocalizer L, string code) =>
        code is Kpis.Tickets or Kpis.Reported ? null : L[Kpis.LowerIsBetter(code) ? "Kpi.LowerBetter" : "Kpi.HigherBetter"].Value;

    /// <summary>
    /// How the quarterly assessment judges the figure — only by what the model in force has: its weight, the least count
    /// and the bands, and for one enterprise's figure the points it earns (a city's or the region's figures are not scored);
    /// for satisfaction, the red line. An indicator the model does not use is said to be unscored, not judged.
    /// </summary>
    public static IEnumerable<string> Judgement(IStringLocalizer L, AssessmentModel? model, string dimension, KpiFigure f)
    {
        if (model is null || f.Code is Kpis.Tickets or Kpis.Reported) yield break;
        if (model.Indicators.FirstOrDefault(x => x.Code == f.Code) is not { } x)
        {
            yield return L["Kpi.Model.None"];
        }
        else
        {
            var lower = Kpis.LowerIsBetter(f.Code);
            var bands = string.Join(L["Kpi.Model.BandSeparator"], x.Bands.OrderByDescending(b => b.Points)
                .Select(b => string.Format(L["Kpi.Model.Band"], (lower ? "≤ " : "≥ ") + Value(L, f with { Value = b.At }), Number(b.Points))));
            yield return string.Format(L["Kpi.Model.Bands"], Number(x.Weight), Math.Max(1, x.MinCount), bands);
            if (dimension == KpiCalculator.ByEnterprise && f.Value is { } v)
                yield return f.Denominator < Math.Max(1, x.MinCount) ? string.Format(L["Kpi.Model.TooFew"], f.Denominator)
                    : AssessmentScorer.BandOf(x, v) is { } band ? string.Format(L["Kpi.Model.Reached"], Number(band.Points))
                    : L["Kpi.Model.NoBand"];
        }
        if (f.Code == Kpis.Satisfied)
            yield return string.Format(L["Kpi.RedLine"], Number(model.SatisfactionRedLine), model.RedLineMinRatings,
                f.Value is not { } s || f.Denominator < Math.Max(1, model.RedLineMinRatings) ? L["Kpi.RedLine.TooFew"]
                : s < model.SatisfactionRedLine ? L["Kpi.RedLine.Below"] : L["Kpi.RedLine.Above"]);
    }

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
