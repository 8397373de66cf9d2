using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Rules;

namespace XinchuangFlow.Domain.Tests;

/// <summary>A city's rules as overrides on the regional ones, field by field (RUL-1).</summary>
public sealed class RuleOverridesTests
{
    private static readonly string Region = """
    {
      // comments are allowed in rule documents
      "schemaVersion": 1, "table": "sla", "scope": "region",
      "response": { "P1": "PT30M", "P2": "PT1H" },
      "onSite": { "sameCity": "PT4H", "otherCity": "PT12H", "byGrade": {} },
      "calendar": "natural",
    }
    """;

    [Fact]
    public void Merge_ReplacesOnlyTheNamedFields_ObjectsMergeMemberByMember_NullTakesAMemberAway()
    {
        var merged = RuleOverrides.Merge(RuleOverrides.Parse(Region),
            RuleOverrides.Parse("""{ "scope": "4502", "onSite": { "sameCity": "PT3H", "byGrade": { "P1": { "sameCity": "PT2H", "otherCity": "PT8H" } } }, "calendar": null }"""));
        Assert.Equal("PT3H", merged["onSite"]!["sameCity"]!.GetValue<string>());
        Assert.Equal("PT12H", merged["onSite"]!["otherCity"]!.GetValue<string>());          // not named: the region's
        Assert.Equal("PT2H", merged["onSite"]!["byGrade"]!["P1"]!["sameCity"]!.GetValue<string>());
        Assert.Equal("PT30M", merged["response"]!["P1"]!.GetValue<string>());
        Assert.False(merged.ContainsKey("calendar"));
        Assert.Equal("4502", merged["scope"]!.GetValue<string>());
        Assert.Equal("sla", merged["table"]!.GetValue<string>());
    }

    [Fact]
    public void AFullCopy_IsAnOverrideOfEveryField_WithTheSameMeaning()
    {
        var copy = RuleOverrides.Parse(Region);
        copy["scope"] = "4501";
        var merged = RuleOverrides.Merge(RuleOverrides.Parse(Region), copy);
        Assert.Empty(RuleOverrides.Differences(RuleOverrides.Parse(Region), copy));
        Assert.True(JsonNode.DeepEquals(copy, merged));
    }

    [Fact]
    public void Differences_NameThePathsWhereTheCityDiffers_AndWithoutTakesOneAway()
    {
        var region = RuleOverrides.Parse(Region);
        var city = RuleOverrides.Parse("""{ "onSite": { "sameCity": "PT3H", "otherCity": "PT12H" }, "response": { "P2": "PT45M" } }""");
        Assert.Equal(["response.P2", "onSite.sameCity"], RuleOverrides.Differences(region, city).Order(StringComparer.Ordinal).Reverse().ToArray());

        var back = RuleOverrides.Without(city, "response.P2");
        Assert.False(back.ContainsKey("response"));                                          // the emptied object goes too
        Assert.Equal(["onSite.sameCity"], RuleOverrides.Differences(region, back).ToArray());
        Assert.Equal(back.ToJsonString(), RuleOverrides.Without(back, "no.such.path").ToJsonString());
    }

    [Fact]
    public void Parse_RefusesWhatIsNotAnObject_WithAClearReason()
    {
        Assert.Contains("JSON object", Assert.Throws<InvalidDataException>(() => RuleOverrides.Parse("[1,2]")).Message);
        Assert.Contains("not valid JSON", Assert.Throws<InvalidDataException>(() => RuleOverrides.Parse("{ \"onSite\": ")).Message);
    }

    [Fact]
    public void TheDiffOfTwoVersions_NamesEachChangedField_WithBeforeAndAfter()
    {
        var before = RuleOverrides.Parse("""{ "scope": "4502", "onSite": { "sameCity": "PT4H" }, "response": { "P1": "PT30M" } }""");
        var after = RuleOverrides.Parse("""{ "scope": "4502", "onSite": { "sameCity": "PT3H", "otherCity": "PT10H" }, "levels": [30, 50] }""");
        Assert.Equal(
            [("onSite.sameCity", "PT4H", "PT3H"), ("onSite.otherCity", null, "PT10H"), ("response.P1", "PT30M", null), ("levels", null, "[30,50]")],
            RuleOverrides.Diff(before, after));
    }
}
