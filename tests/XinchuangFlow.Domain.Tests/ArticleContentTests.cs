using XinchuangFlow.Domain.Knowledge;
using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Domain.Tests;

/// <summary>What an author writes is cleaned and checked before it is stored (KB-1, SEC-4).</summary>
public class ArticleContentTests
{
    private static ArticleContent Good() => new(ArticleKinds.Common, " 银河麒麟V10 打印机驱动安装失败 ", "提示依赖错误", null,
        "1. 卸载旧驱动\n2. `sudo dpkg -i pantum.deb`", ["OS: 银河麒麟V10 ", "category:peripheral", "os:银河麒麟V10", "cpu:飞腾"], ForUsers: true);

    [Fact]
    public void Content_IsTrimmed_TagsNormalizedAndDeduplicated_AndAccepted()
    {
        var c = Good().Clean();
        Assert.Equal("银河麒麟V10 打印机驱动安装失败", c.Title);
        Assert.Equal(["os:银河麒麟V10", "category:peripheral", "cpu:飞腾"], c.Tags);
        Assert.Empty(c.Validate());
    }

    [Fact]
    public void EveryProblem_IsNamedAtItsField_WithItsCode()
    {
        var bad = new ArticleContent("blog", "", null, null, " ", ["category:toaster", "colour:red", "os:", new string('x', 61)], false).Clean();
        var problems = bad.Validate();
        Assert.Equal(KnowledgeProblems.UnknownKind, Assert.Single(problems, p => p.Field == "kind").Code);
        Assert.Equal(TextProblems.Required, Assert.Single(problems, p => p.Field == "title").Code);
        Assert.Equal(TextProblems.Required, Assert.Single(problems, p => p.Field == "steps").Code);
        var tags = problems.Where(p => p.Field == "tags").Select(p => (p.Code, (string?)p.Args?["value"])).ToList();
        Assert.Contains((KnowledgeProblems.UnknownCategory, "toaster"), tags);
        Assert.Contains((KnowledgeProblems.BadTag, "colour:red"), tags);
        Assert.Contains((KnowledgeProblems.BadTag, "os:"), tags);
        Assert.Equal(4, tags.Count);
        Assert.Equal(TextProblems.ChoiceRequired, Assert.Single(new ArticleContent("", "t", null, null, "s", [], false).Clean().Validate()).Code);
    }

    [Fact]
    public void TooMuch_IsRefused_HostileTextIsKeptAsTyped()
    {
        var many = Good() with { Tags = Enumerable.Range(0, 25).Select(i => $"model:M{i}").ToList(), Steps = "<script>alert(1)</script>" };
        var problems = many.Clean().Validate();
        Assert.Contains(problems, p => p.Code == KnowledgeProblems.TooManyTags);
        Assert.DoesNotContain(problems, p => p.Field == "steps");                 // kept as typed; rendered safely where read
        Assert.Equal(TextProblems.TooLong, Assert.Single((Good() with { Steps = new string('步', ArticleContent.MaxSteps + 1) }).Clean().Validate()).Code);
    }

    [Fact]
    public void ATagValueTooLong_IsSaidSo_NamingTheValueWithoutItsFacet()
    {
        var os = new string('麒', 70);
        var problems = new ArticleContent(ArticleKinds.Common, "标题", null, null, "步骤", ["os:" + os], false).Clean().Validate();
        var problem = Assert.Single(problems);
        Assert.Equal(KnowledgeProblems.TagTooLong, problem.Code);
        Assert.Equal("tags", problem.Field);
        Assert.DoesNotContain("os:", problem.Args!["value"]!.ToString());
        Assert.Equal(ArticleTags.MaxTagLength - "os:".Length, Convert.ToInt32(problem.Args!["max"]));
    }
}
