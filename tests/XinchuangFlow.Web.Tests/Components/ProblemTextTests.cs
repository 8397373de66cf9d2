using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using XinchuangFlow.Web.Components;

namespace XinchuangFlow.Web.Tests.Components;

/// <summary>Problems are codes with arguments, turned into the reader's language at the edge from ProblemResource.</summary>
public class ProblemTextTests
{
    private static readonly CultureInfo Zh = new("zh-CN"), En = new("en");

    /// <summary>Every code a [ProblemCodes] class of the product declares.</summary>
    public static TheoryData<string> Codes()
    {
        var data = new TheoryData<string>();
        Assembly[] assemblies = [typeof(XfException).Assembly, typeof(Domain.Tickets.Ticket).Assembly, typeof(Application.Tickets.TicketIntakeService).Assembly,
            typeof(Cases.CaseSession).Assembly, typeof(Engine.Runtime.WorkflowRuntime).Assembly, typeof(ProblemText).Assembly];
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()).Where(t => t.GetCustomAttribute<ProblemCodesAttribute>() is not null))
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
                data.Add((string)field.GetRawConstantValue()!);
        return data;
    }

    [Fact]
    public void TheCodesAreFound_AndUnique()
    {
        var codes = ((IEnumerable<object[]>)Codes()).Select(row => (string)row[0]).ToList();
        Assert.Contains(Domain.Tickets.TextProblems.Required, codes);
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void EveryCode_HasItsText_InBothLanguages_WithTheSameArguments(string code)
    {
        var zh = ProblemText.Template(code, Zh);
        var en = ProblemText.Template(code, En);
        Assert.False(string.IsNullOrWhiteSpace(zh), $"{code} has no Chinese text");
        Assert.False(string.IsNullOrWhiteSpace(en), $"{code} has no English text");
        Assert.NotEqual(zh, en);
        static string[] Args(string text) => Regex.Matches(text, @"\{(\w+)\}").Select(m => m.Groups[1].Value).Order().ToArray();
        Assert.Equal(Args(zh!), Args(en!));
    }

    [Fact]
    public void AProblem_ReadsInTheReadersLanguage_WithItsFieldLabelled_AndNumbersAndDurationsWritten()
    {
        var problem = Problem.Of(Domain.Tickets.TextProblems.TooLong, "title", "The title has 1200 characters; at most 200 are allowed.", ("length", 1200), ("max", 200));
        Assert.Equal("标题有 1,200 个字符，最多 200 个。", In(Zh, () => problem.Text()));
        Assert.Equal("The title has 1,200 characters; at most 200 are allowed.", In(En, () => problem.Text()));
        Assert.Equal("4 小时", In(Zh, () => Web.Text.Durations.Text(TimeSpan.FromHours(4))));
        Assert.Equal("1 d 2 h 30 min", In(En, () => Web.Text.Durations.Text(new TimeSpan(1, 2, 30, 0))));
        Assert.Equal("0 分钟", In(Zh, () => Web.Text.Durations.Text(TimeSpan.Zero)));
    }

    [Fact]
    public void ACodeWithoutText_ShowsItsMessage_AndARefusalReadsAsOneLine()
    {
        var refusal = new InvalidInputException([
            Problem.Of(Domain.Tickets.TextProblems.Required, "reason", "The reason is required and must contain visible text."),
            new Problem("some-new-check", null, "Something else is wrong."),
        ]);
        Assert.Equal("请填写原因，且须包含可见文字。 Something else is wrong.", In(Zh, () => refusal.Text()));
    }

    private static string In(CultureInfo culture, Func<string> read)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = culture;
        try { return read(); }
        finally { (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current); }
    }
}
