using System.Text.Json.Nodes;
using XinchuangFlow.Domain.Rules;

namespace XinchuangFlow.Domain.Tests;

/// <summary>
/// Each shipped rule kind's catalogue against the default file it is seeded from (<c>workflows/rules</c>): the file
/// is valid for the kind, every field the catalogue declares is there with a value of its type, and every limit the
/// file sets is one the catalogue lets the Data Bureau set.
/// </summary>
public class RuleKindCatalogueTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Kinds() => [.. RuleKindRegistry.Builtin.Keys];

    private static IRuleKind Kind(string key) => RuleKindRegistry.Builtin.Get(key);
    private static JsonObject Default(IRuleKind kind) => RuleOverrides.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "rules", kind.DefaultFile)));

    [Theory, MemberData(nameof(Kinds))]
    public void TheDefaultFile_IsValidForItsKind_AndParsesIntoTheDocumentType(string key)
    {
        var kind = Kind(key);
        var json = Default(kind).ToJsonString();
        Assert.Empty(kind.Validate(json, Now));
        Assert.IsType(kind.DocumentType, kind.Parse(json));
        Assert.Equal(key, Default(kind)["table"]?.GetValue<string>());
    }

    [Theory, MemberData(nameof(Kinds))]
    public void EveryCatalogueField_IsInTheDefaultFile_WithAValueOfItsType(string key)
    {
        var kind = Kind(key);
        var doc = Default(kind);
        Assert.NotEmpty(kind.Fields);
        foreach (var field in kind.Fields)
        {
            var values = field.Values(doc).ToList();
            if (!field.Optional && !field.Path.Contains('*'))
            {
                var expected = field.PerGrade ? 4 : 1;
                Assert.True(field.Path.Contains("[]") ? values.Count > 0 : values.Count == expected, $"{key}: {field.Path} has {values.Count} values in {kind.DefaultFile}");
            }
            foreach (var (path, value) in values)
                Assert.True(Fits(field, value), $"{key}: {path} = {value.ToJsonString()} is not a {field.Type}");
        }
    }

    [Theory, MemberData(nameof(Kinds))]
    public void TheDefaultFilesLimits_AreOnLimitableFields(string key)
    {
        var kind = Kind(key);
        var patterns = kind.Fields.SelectMany(f => f.LimitFields()).Select(l => l.Pattern).ToHashSet();
        foreach (var (pattern, _) in Default(kind)[RuleLimits.Member] as JsonObject ?? [])
            Assert.Contains(pattern, patterns);
        Assert.Empty(RuleLimits.CheckLimits(Default(kind)));
    }

    [Theory, MemberData(nameof(Kinds))]
    public void EveryConcretePath_FindsItsField(string key)
    {
        var kind = Kind(key);
        foreach (var field in kind.Fields)
        foreach (var (path, _) in field.Values(Default(kind)))
            Assert.Same(field, kind.FieldAt(path));
    }

    [Fact]
    public void TheShippedKinds_AreInTheirTabOrder_DispatchAndTheAssessmentAreNotReplayed_AndOnlyTheAssessmentIsRegional()
    {
        Assert.Equal(["sla", "escalation", "grading", "dispatch", "assessment"], RuleKindRegistry.Builtin.Keys);
        Assert.Equal(["dispatch", "assessment"], RuleKindRegistry.Builtin.All.Where(k => k.NotReplayableReason is not null).Select(k => k.Key));
        Assert.Equal(["assessment"], RuleKindRegistry.Builtin.All.Where(k => k.RegionOnly).Select(k => k.Key));
        Assert.Throws<InvalidDataException>(() => RuleKindRegistry.Builtin.Get("weather"));
        Assert.Throws<ArgumentException>(() => new RuleKindRegistry([.. RuleKindRegistry.Shipped, RuleKindRegistry.Shipped[0]]));
    }

    [Fact]
    public void LimitFields_FollowTheCatalogue_OneBoundPerGradeOrOneForAllGrades()
    {
        var sla = Kind(RuleKinds.Sla).Fields.SelectMany(f => f.LimitFields()).Select(l => l.Pattern).ToList();
        Assert.Equal([.. new[] { "P1", "P2", "P3", "P4" }.Select(g => $"response.{g}"), .. new[] { "P1", "P2", "P3", "P4" }.Select(g => $"resolution.{g}"),
            "onSite.sameCity", "onSite.otherCity", "onSite.byGrade.*.sameCity", "onSite.byGrade.*.otherCity"], sla);
        Assert.Equal(["requiredLevel.P1", "requiredLevel.P2", "requiredLevel.P3", "requiredLevel.P4"],
            Kind(RuleKinds.Dispatch).Fields.SelectMany(f => f.LimitFields()).Select(l => l.Pattern));
    }

    [Fact]
    public void TheFieldAccessor_ReadsAndWritesHoursAndNumbers()
    {
        var sla = Kind(RuleKinds.Sla);
        var doc = Default(sla);
        var onSite = sla.FieldAt("onSite.sameCity");
        Assert.Equal(4, onSite.ReadNumber(doc, "onSite.sameCity"));
        onSite.WriteNumber(doc, "onSite.sameCity", 2.5);
        Assert.Equal("PT2H30M", doc["onSite"]!["sameCity"]!.GetValue<string>());
        var level = Kind(RuleKinds.Dispatch).FieldAt("requiredLevel.P3");
        var dispatch = Default(Kind(RuleKinds.Dispatch));
        level.WriteNumber(dispatch, "requiredLevel.P3", 2);
        Assert.Equal(2, dispatch["requiredLevel"]!["P3"]!.GetValue<int>());
        Assert.Equal(2, level.ReadNumber(dispatch, "requiredLevel.P3"));   // read back from the in-memory value
        onSite.WriteNumber(doc, "onSite.sameCity", null);
        Assert.Null(onSite.ReadNumber(doc, "onSite.sameCity"));
    }

    private static bool Fits(RuleField field, JsonNode value) => field.Type switch
    {
        RuleValueType.Duration => value is JsonValue v && v.TryGetValue<string>(out var s) && field.NumberOf(v) is not null && s.StartsWith('P'),
        RuleValueType.Number or RuleValueType.Percent => value is JsonValue n && n.GetValueKind() == System.Text.Json.JsonValueKind.Number,
        RuleValueType.Text => value is JsonValue t && t.GetValueKind() == System.Text.Json.JsonValueKind.String,
        RuleValueType.Choice => value is JsonValue c && (field.Choices.Count == 0 || field.Choices.Contains(c.ToJsonString().Trim('"'))),
        RuleValueType.ChoiceList => value is JsonArray a && (field.Choices.Count == 0 || a.All(x => field.Choices.Contains(x!.ToJsonString().Trim('"')))),
        RuleValueType.TextList or RuleValueType.UserList or RuleValueType.ServicePointList or RuleValueType.Rows => value is JsonArray,
        RuleValueType.Map => value is JsonObject,
        _ => false,
    };
}
