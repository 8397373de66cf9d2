namespace XinchuangFlow.Application.Knowledge;

/// <summary>Turns an article's Markdown into HTML that is safe to put on a page: what an author typed never runs in a browser.</summary>
public interface IArticleRenderer
{
    string ToSafeHtml(string? markdown);
}
