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
        Assert.Equal(("4.3 小时", "1.6 d", "25 min"), (In(Zh, () => Web.Text.Durations.Approx(TimeSpan.FromMinutes(258))),
            In(En, () => Web.Text.Durations.Approx(TimeSpan.FromHours(38.4))), In(En, () => Web.Text.Durations.Approx(TimeSpan.FromMinutes(25)))));
    }

    [Fact]
    public void ARuleProblem_NamesTheFieldAsTheRulesPageLabelsIt_WithItsGrade_AndDurationsAsDurations()
    {
        var region = Domain.Rules.RuleOverrides.Parse("""{ "onSite": { "sameCity": "PT4H" }, "cityLimits": { "onSite.byGrade.*.sameCity": { "max": "PT4H" } } }""");
        var city = Domain.Rules.RuleOverrides.Parse("""{ "onSite": { "sameCity": "PT4H", "byGrade": { "P4": { "sameCity": "PT10H", "otherCity": "PT12H" } } } }""");
        var problem = Assert.Single(Domain.Rules.RuleLimits.Check(region, Domain.Rules.RuleOverrides.Merge(region, city)));
        Assert.Equal("“到场（服务网点与用户同市）（P4）”为 10 小时，数据局允许的最大值为 4 小时。", In(Zh, () => problem.Text()));
        Assert.EndsWith("(P4)” is 10 h; the Data Bureau allows at most 4 h.", In(En, () => problem.Text()));
        // A per-grade label that names its grade itself, and a row of a list.
        var missing = Problem.Of(Domain.Rules.RuleProblems.DurationMissing, "response.P2", "response.P2 is missing");
        Assert.Equal("请填写“P2 响应”。", In(Zh, () => missing.Text()));
        var level = Problem.Of(Domain.Rules.RuleProblems.LevelTellsNobody, "levels[1].roles", "", ("percent", 80));
        Assert.Equal("80% 级别没有通知任何人，请选择角色或人员。", In(Zh, () => level.Text()));
        Assert.Contains("第 2 行", In(Zh, () => ProblemText.FieldLabel("levels[1].roles")));
    }

    [Fact]
    public void ADefinitionsFinding_AndAClocksReason_ReadInTheReadersLanguage_WithNamesNotKeys()
    {
        var finding = new Engine.Validation.ValidationProblem("task-kind-missing", null, "no user task plays 'ticket.feedback' …", new Dictionary<string, object?> { ["kind"] = "ticket.feedback" });
        Assert.StartsWith("没有用户任务承担“用户评价”", In(Zh, () => finding.Text()));
        Assert.DoesNotContain("ticket.feedback", In(En, () => finding.Text()));
        var port = new Engine.Validation.ValidationProblem("outcome-unconnected", "userTask1", "outcome 'done' has no target.", new Dictionary<string, object?> { ["port"] = "done" });
        Assert.Equal("结果“done”没有连到下一步。", In(Zh, () => port.Text()));

        var reason = new Domain.Sla.TargetReason { Basis = Domain.Sla.TargetReason.Response, Grade = "P3" }.Under("region", 1).Encode();
        Assert.Equal("P3 响应时限；依据全区时限规则第 1 版", In(Zh, () => Web.Text.TargetReasons.Text(reason)));
        Assert.Equal("P3 response target; SLA rules of the region, version 1", In(En, () => Web.Text.TargetReasons.Text(reason)));
        var onSite = new Domain.Sla.TargetReason { Basis = Domain.Sla.TargetReason.OnSiteOther, RequesterCity = "4501", PointCity = "4503", From = Domain.Sla.TargetReason.FromCity }
            .Under("4501", 2).With(Domain.Sla.TargetReason.Recomputed).Encode();
        Assert.Equal("服务网点在桂林市，用户在南宁市；南宁市的规定；依据南宁市时限规则第 2 版；规则修改后重新计算", In(Zh, () => Web.Text.TargetReasons.Text(onSite)));
        Assert.Equal("P4 response target (rules sla/region)", Web.Text.TargetReasons.Text("P4 response target (rules sla/region)"));  // a reason stored as text before
    }

    /// <summary>
    /// What <c>AccessService.NotFound</c> says was not found ("找不到该{what}"): every kind the product passes — read from
    /// its sources — has its word in both languages, so no English kind ends up in a Chinese sentence.
    /// </summary>
    [Fact]
    public void EveryKindThatMayBeNotFound_IsNamedInBothLanguages()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "XinchuangFlow.sln"))) dir = dir.Parent;
        var kinds = Directory.EnumerateFiles(Path.Combine(dir!.FullName, "src"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"\.NotFound\(\s*\w+\s*,\s*""([^""]+)""").Select(m => m.Groups[1].Value))
            .ToHashSet();
        Assert.Contains("county", kinds);
        Assert.Contains("enterprise", kinds);
        foreach (var kind in kinds)
        {
            var problem = Problem.Of(Application.Access.AccessProblems.NotFound, null, "not found", ("what", kind), ("id", "x"));
            var zh = In(Zh, () => problem.Text());
            Assert.False(Regex.IsMatch(zh, "[A-Za-z]"), $"{kind}: {zh}");
            var en = In(En, () => problem.Text());
            Assert.False(Regex.IsMatch(en, @"\p{IsCJKUnifiedIdeographs}"), $"{kind}: {en}");
        }
        Assert.Equal("找不到该县（市、区），或您无权查看。", In(Zh, () => Problem.Of(Application.Access.AccessProblems.NotFound, null, "", ("what", "county")).Text()));
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
