using XinchuangFlow.Domain.Rules;

namespace XinchuangFlow.Domain.Tests;

/// <summary>The Data Bureau's limits on a city's rules (RUL-2).</summary>
public sealed class RuleLimitsTests
{
    private static readonly string Region = """
    { "onSite": { "sameCity": "PT4H" }, "requiredLevel": { "P1": 3 },
      "cityLimits": { "onSite.sameCity": { "min": "PT1H", "max": "PT4H" }, "requiredLevel.P1": { "min": 2 } } }
    """;

    [Theory]
    [InlineData("""{ "onSite": { "sameCity": "PT3H" } }""", null)]
    [InlineData("""{ "onSite": { "sameCity": "PT5H" } }""", "onSite.sameCity is PT5H; the Data Bureau allows at most PT4H")]
    [InlineData("""{ "onSite": { "sameCity": "PT30M" } }""", "onSite.sameCity is PT30M; the Data Bureau allows at least PT1H")]
    [InlineData("""{ "requiredLevel": { "P1": 1 } }""", "requiredLevel.P1 is 1; the Data Bureau allows at least 2")]
    [InlineData("""{ "cityLimits": { "onSite.sameCity": { "max": "PT12H" } }, "onSite": { "sameCity": "PT6H" } }""", "allows at most PT4H")]
    public void ACitysEffectiveRules_StayWithinTheLimits(string overrides, string? problem)
    {
        var region = RuleOverrides.Parse(Region);
        var problems = RuleLimits.Check(region, RuleOverrides.Merge(region, RuleOverrides.Parse(overrides)));
        if (problem is null) Assert.Empty(problems);
        else Assert.Contains(problems, p => p.Message.Contains(problem));
    }

    [Fact]
    public void LimitsThatMakeNoSense_AreRefused()
    {
        var bad = RuleOverrides.Parse("""{ "cityLimits": { "a": { "min": "PT5H", "max": "PT1H" }, "b": { "max": "soon" }, "c": 3 } }""");
        var problems = RuleLimits.CheckLimits(bad);
        Assert.Contains(problems, p => p.Message.Contains("cityLimits.a: min is above max") && p.Code == RuleProblems.LimitMinAboveMax && p.Field == "cityLimits.a");
        Assert.Contains(problems, p => p.Message.Contains("cityLimits.b.max is neither"));
        Assert.Contains(problems, p => p.Message.Contains("cityLimits.c must be"));
    }

    [Fact]
    public void ALimitWithAStar_CoversEveryGradesOwnTarget_SoAGradeCannotSlipPastTheLimit()
    {
        var region = RuleOverrides.Parse("""
            { "onSite": { "sameCity": "PT4H", "byGrade": {} },
              "cityLimits": { "onSite.sameCity": { "max": "PT4H" }, "onSite.byGrade.*.sameCity": { "max": "PT4H" } } }
            """);
        var city = RuleOverrides.Parse("""{ "onSite": { "byGrade": { "P1": { "sameCity": "PT3H" }, "P4": { "sameCity": "PT10H" } } } }""");
        var problems = RuleLimits.Check(region, RuleOverrides.Merge(region, city));
        Assert.Equal(["onSite.byGrade.P4.sameCity is PT10H; the Data Bureau allows at most PT4H"], problems.Select(p => p.Message));
        // For a reader: a code, the field as a path a form marks, and durations as durations (shown "10 小时", never PT10H).
        var problem = Assert.Single(problems);
        Assert.Equal((RuleProblems.AboveLimit, "onSite.byGrade.P4.sameCity"), (problem.Code, problem.Field));
        Assert.Equal(TimeSpan.FromHours(10), problem.Args!["value"]);
        Assert.Equal(TimeSpan.FromHours(4), problem.Args!["max"]);
    }
}
