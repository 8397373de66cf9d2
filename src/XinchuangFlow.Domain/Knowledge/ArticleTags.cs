using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Domain.Knowledge;

/// <summary>
/// What an article applies to, as <c>facet:value</c> tags: the product category (one of the platform's codes), the OS
/// (银河麒麟V10, 统信UOS 20 1060 …), the CPU platform (鲲鹏, 飞腾, 龙芯, 海光, 兆芯, 申威), brand, model and software.
/// </summary>
public static class ArticleTags
{
    public const string Category = "category";
    public const string Os = "os";
    public const string Cpu = "cpu";
    public const string Brand = "brand";
    public const string Model = "model";
    public const string Software = "software";

    public static readonly IReadOnlyList<string> Facets = [Category, Os, Cpu, Brand, Model, Software];

    /// <summary>The domestic CPU platforms a tag may name (others are accepted too: the list is what pages offer first).</summary>
    public static readonly IReadOnlyList<string> CpuPlatforms = ["鲲鹏", "飞腾", "龙芯", "海光", "兆芯", "申威"];

    /// <summary>The operating systems pages offer first.</summary>
    public static readonly IReadOnlyList<string> OperatingSystems = ["银河麒麟V10", "统信UOS 20", "中科方德"];

    public const int MaxTags = 20;
    public const int MaxTagLength = 60;

    /// <summary>A tag split into facet and value, or null when it is not <c>facet:value</c>.</summary>
    public static (string Facet, string Value)? Parse(string? tag)
    {
        if (tag is null) return null;
        var at = tag.IndexOf(':');
        if (at <= 0 || at == tag.Length - 1) return null;
        return (tag[..at].Trim().ToLowerInvariant(), tag[(at + 1)..].Trim());
    }

    /// <summary>The tag written the one way it is stored ("os:银河麒麟V10").</summary>
    public static string Normalize(string facet, string value) => $"{facet.Trim().ToLowerInvariant()}:{value.Trim()}";

    /// <summary>The problem of one (normalized) tag, or null when it is a tag an article may carry.</summary>
    public static Problem? Check(string tag)
    {
        var parsed = Parse(tag);
        if (parsed is { } longTag && Facets.Contains(longTag.Facet) && tag.Length > MaxTagLength)
            return Problem.Of(KnowledgeProblems.TagTooLong, "tags", $"'{longTag.Value}' is longer than the {MaxTagLength} characters of a tag.",
                ("value", longTag.Value.Length > 20 ? longTag.Value[..20] + "…" : longTag.Value), ("length", tag.Length), ("max", MaxTagLength - longTag.Facet.Length - 1));
        if (parsed is not { } t || !Facets.Contains(t.Facet)
            || !TextRules.HasVisibleText(t.Value) || TextRules.Check(t.Value, "tags", MaxTagLength, multiline: false) is not null)
            return Problem.Of(KnowledgeProblems.BadTag, "tags", $"'{tag}' is not a tag (facet:value, facets {string.Join(", ", Facets)}).", ("value", tag));
        if (t.Facet == Category && !Network.ProductCategories.IsKnown(t.Value))
            return Problem.Of(KnowledgeProblems.UnknownCategory, "tags", $"'{t.Value}' is not a product category.", ("value", t.Value));
        return null;
    }

    /// <summary>The tag as stored, or null when <paramref name="tag"/> is not <c>facet:value</c>.</summary>
    public static string? Clean(string? tag) => Parse(tag) is { } p ? Normalize(p.Facet, p.Value) : null;
}
