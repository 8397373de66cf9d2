using System.Globalization;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Domain.Sla;

namespace XinchuangFlow.Web.Text;

/// <summary>
/// Why a clock has its target, in the reader's language: "P3 响应时限；依据全区时限规则第 1 版" / "P3 response target;
/// SLA rules of the region, version 1". The clock stores the reason as data (<see cref="TargetReason"/>); a text stored
/// before reasons were data is shown as it is.
/// </summary>
public static class TargetReasons
{
    public static string Text(string? stored) => TargetReason.Decode(stored) is { } r ? Text(r) : stored ?? "";

    public static string Text(TargetReason r)
    {
        var parts = new List<string>(4)
        {
            r.Basis switch
            {
                TargetReason.Response => Format("Reason.Response", r.Grade),
                TargetReason.Resolution => Format("Reason.Resolution", r.Grade),
                TargetReason.OnSiteSame => Format("Reason.OnSiteSame", Place(r.RequesterCity)),
                TargetReason.OnSiteOther => Format("Reason.OnSiteOther", Place(r.PointCity), Place(r.RequesterCity)),
                _ => Format("Reason.Definition"),
            },
        };
        if (r.From is { } from) parts.Add(Format("Reason.From." + from, Place(r.RequesterCity), r.Grade));
        if (r.Scope is { } scope)
            parts.Add(r.Version is { } v ? Format("Reason.RulesVersion", Place(scope), v) : Format("Reason.Rules", Place(scope)));
        if (r.Note is { } note) parts.Add(Format("Reason.Note." + note, r.By));
        return string.Join(Format("Reason.Separator"), parts);
    }

    private static string Place(string? code) =>
        code is null ? "" : code == RuleKinds.RegionScope ? Format("Reason.Region") : GuangxiDivisions.Shipped.Find(code)?.Name ?? code;

    private static string Format(string key, params object?[] args) => SharedTexts.Format(key, args);
}
