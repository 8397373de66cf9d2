using Ganss.Xss;
using Markdig;
using XinchuangFlow.Application.Knowledge;

namespace XinchuangFlow.Infrastructure.Knowledge;

/// <summary>
/// Markdown (Markdig: lists, tables, code blocks, links) with raw HTML turned off — an author's tags are shown as text —
/// and the result passed through HtmlSanitizer (only formatting tags, http(s) links, no scripts, styles or event
/// handlers): two locks, so a mistake in one is not a hole. Links open outside the platform without its opener.
/// </summary>
public sealed class ArticleRenderer : IArticleRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UsePipeTables().UseAutoLinks().Build();
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>The longest Markdown rendered (an article's steps are at most 20,000 characters).</summary>
    public const int MaxLength = 40_000;

    public string ToSafeHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        var text = markdown.Length > MaxLength ? markdown[..MaxLength] : markdown;
        return Sanitizer.Sanitize(Markdown.ToHtml(text, Pipeline));
    }

    /// <summary>
    /// The Markdown as the words a reader sees, without its marks (<c>**</c>, <c>#</c>, list numbers, back-ticks): what
    /// the search index holds, so the fragments it shows read as text.
    /// </summary>
    public static string ToPlainText(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        var text = markdown.Length > MaxLength ? markdown[..MaxLength] : markdown;
        return Markdown.ToPlainText(text, Pipeline).Trim();
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var s = new HtmlSanitizer();
        s.AllowedTags.Clear();
        foreach (var tag in new[] { "p", "br", "strong", "em", "code", "pre", "ul", "ol", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
                     "table", "thead", "tbody", "tr", "th", "td", "a", "hr", "del" })
            s.AllowedTags.Add(tag);
        s.AllowedAttributes.Clear();
        s.AllowedAttributes.Add("href");
        s.AllowedSchemes.Clear();
        s.AllowedSchemes.Add("http");
        s.AllowedSchemes.Add("https");
        s.AllowedCssProperties.Clear();
        s.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Html.Dom.IHtmlAnchorElement a)
            {
                a.SetAttribute("rel", "noopener noreferrer nofollow");
                a.SetAttribute("target", "_blank");
            }
        };
        return s;
    }
}
