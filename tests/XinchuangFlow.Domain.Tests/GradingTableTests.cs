using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Domain.Grading;

namespace XinchuangFlow.Domain.Tests;

/// <summary>The shipped regional grading table (workflows/rules/grading.json) grades as documented.</summary>
public class GradingTableTests
{
    private static readonly GradingTable Shipped = GradingTable.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "rules", "grading.json")));

    [Theory]
    [InlineData("terminal", "single", "办公室电脑中了勒索病毒，文件打不开", "P1", "critical-keywords")]
    [InlineData("database", "unit", "达梦数据库连接池耗尽", "P1", "unit-wide-server")]
    [InlineData("terminal", "department", "财务科三台电脑无法连接打印机", "P2", "unit-wide")]
    [InlineData("terminal", "single", "统信UOS开机后黑屏", "P3", "single-user-blocking")]
    [InlineData("office", "single", "WPS 如何设置页眉", "P4", "default")]
    public void Grade_FirstMatchingRowDecides(string category, string impact, string description, string grade, string row)
    {
        var result = Shipped.Grade(new GradingInput(category, impact, description));
        Assert.Equal(Grade.Parse(grade), result.Grade);
        Assert.Equal(row, result.RowId);
        // The row is named as its author named it, in each language, not by its key.
        var named = Shipped.Rows.Single(r => r.Id == row);
        Assert.Contains($"“{named.Description}”", result.ExplanationZh);
        Assert.Contains($"\"{named.DescriptionEn}\"", result.ExplanationEn);
        Assert.DoesNotContain(row, result.ExplanationZh);
    }

    [Fact]
    public void Grade_ExplanationNamesTheMatchedKeywords()
    {
        var result = Shipped.Grade(new GradingInput("terminal", "single", "服务器宕机，全部瘫痪"));
        Assert.Equal(["全部瘫痪", "服务器宕机"], result.MatchedKeywords.Order());
        Assert.Contains("全部瘫痪", result.ExplanationZh);
        Assert.Contains("mentions", result.ExplanationEn);
    }

    [Theory]
    [InlineData("""{ "rows": [ { "id": "a", "grade": "P9" }, { "id": "d", "grade": "P4" } ] }""", "P9")]
    [InlineData("""{ "rows": [ { "id": "a", "grade": "P1", "impacts": ["galaxy"] }, { "id": "d", "grade": "P4" } ] }""", "galaxy")]
    [InlineData("""{ "rows": [ { "id": "a", "grade": "P1", "keywordsAny": ["x"] } ] }""", "last row")]
    [InlineData("""{ "rows": [ { "id": "a", "grade": "P1" }, { "id": "a", "grade": "P4" } ] }""", "twice")]
    [InlineData("""{ "rows": [] }""", "no rows")]
    public void Parse_BadTable_SaysWhatIsWrong(string json, string expected)
    {
        var ex = Assert.Throws<InvalidDataException>(() => GradingTable.Parse(json));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void TheExplanation_NamesTheImpactAndCategory_InChinese_NotByTheirCodes()
    {
        var table = GradingTable.Parse("""{ "rows": [ { "id": "printers", "grade": "P3", "categories": ["peripheral"], "impacts": ["department"] }, { "id": "rest", "grade": "P4" } ] }""");
        var result = table.Grade(new GradingInput("peripheral", "department", "打印机无法打印"));
        Assert.Contains("产品类别为外设，影响范围为部门", result.ExplanationZh);
        Assert.DoesNotContain("department", result.ExplanationZh);
        Assert.Contains("category peripheral; impact department", result.ExplanationEn);
    }
}
