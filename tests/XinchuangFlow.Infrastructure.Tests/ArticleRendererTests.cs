using XinchuangFlow.Infrastructure.Knowledge;

namespace XinchuangFlow.Infrastructure.Tests;

/// <summary>An article's Markdown is rendered, and whatever an author typed never runs in a reader's browser (KB-1, SEC-4).</summary>
public class ArticleRendererTests
{
    private readonly ArticleRenderer _renderer = new();

    [Fact]
    public void Markdown_IsRendered_ListsCodeTablesAndLinks()
    {
        var html = _renderer.ToSafeHtml("1. 卸载旧驱动\n2. 运行 `sudo dpkg -i pantum.deb`\n\n```\nsystemctl restart cups\n```\n\n| 型号 | 驱动 |\n|---|---|\n| P3301DN | 1.2.4 |\n\n见 https://www.kylinos.cn");
        Assert.Contains("<ol>", html);
        Assert.Contains("<code>sudo dpkg -i pantum.deb</code>", html);
        Assert.Contains("<pre><code>systemctl restart cups", html);
        Assert.Contains("<td>P3301DN</td>", html);
        Assert.Contains("href=\"https://www.kylinos.cn\"", html);
        Assert.Contains("rel=\"noopener noreferrer nofollow\"", html);
    }

    [Fact]
    public void PlainText_IsTheWordsWithoutTheMarks()
    {
        var text = ArticleRenderer.ToPlainText("## 处理\n1. 卸载**旧驱动**\n2. 运行 `sudo dpkg -i pantum.deb`\n\n> 注意 <b>备份</b> & 重启");
        Assert.Contains("卸载旧驱动", text);
        Assert.Contains("运行 sudo dpkg -i pantum.deb", text);
        Assert.Contains("<b>备份</b> & 重启", text);   // an author's tags stay text (the search encodes what it shows)
        foreach (var mark in new[] { "**", "`", "##", "1.", "> 注意", "&lt;", "&amp;" }) Assert.DoesNotContain(mark, text);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[点我](javascript:alert(1))")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<div style=\"background:url(javascript:alert(1))\" onclick=\"alert(1)\">x</div>")]
    [InlineData("![x](https://evil.example/t.png\" onerror=\"alert(1))")]
    [InlineData("<svg/onload=alert(1)>")]
    public void HostileHtml_NeverBecomesMarkupThatRuns(string hostile)
    {
        var html = _renderer.ToSafeHtml("步骤：" + hostile);
        // Read as a browser reads it: only formatting elements, no attribute but a link's, no link but http(s).
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + html + "</body>");
        var elements = document.Body!.QuerySelectorAll("*").ToList();
        Assert.DoesNotContain(elements, e => e.LocalName is "script" or "img" or "iframe" or "svg" or "div" or "style" or "object" or "embed");
        Assert.All(elements.SelectMany(e => e.Attributes), attr => Assert.Contains(attr.Name, new[] { "href", "rel", "target" }));
        Assert.All(document.Body.QuerySelectorAll("a[href]"), a => Assert.Matches("^https?://", a.GetAttribute("href")!));
        Assert.Contains("步骤", document.Body.TextContent);   // the hostile text is shown as text, harmless
    }

    [Fact]
    public void Nothing_AndTooMuch_AreHandled()
    {
        Assert.Equal("", _renderer.ToSafeHtml(null));
        Assert.Equal("", _renderer.ToSafeHtml("   "));
        Assert.True(_renderer.ToSafeHtml(new string('长', 100_000)).Length < 50_000);
    }
}
