using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using XinchuangFlow.Application;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Rules;
using XinchuangFlow.Domain.Rules;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Infrastructure.Tests.Support;

namespace XinchuangFlow.Infrastructure.Tests;

/// <summary>
/// The registry drives the rules: a kind registered by this test alone — a class and a check, no change to
/// <see cref="RuleService"/>, the store or the book — is listed, validated with its own problems, saved for the region
/// and a city (merged and held to the Data Bureau's limits its catalogue allows), checked by its I/O hook, refused for
/// replay, and read back typed.
/// </summary>
public abstract class RuleKindRegistryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);
    private static readonly Actor Admin = Actor.Of("admin@test", [Roles.DataBureauAdmin]);
    private static readonly Actor Liuzhou = Actor.Of("liuzhou@test", [Roles.MunicipalCoordinator], cityCode: "4502");
    private EngineHarness _h = null!;
    protected abstract ITestDatabases Databases { get; }

    private RuleService Rules => _h.Services.GetRequiredService<RuleService>();

    public async Task InitializeAsync() =>
        _h = await EngineHarness.StartAsync(Databases.Provider, await Databases.CreateAsync(), new FakeTimeProvider(T0), configure: services =>
        {
            services.AddSingleton<IRuleKind, WeatherRuleKind>();
            services.AddSingleton<IRuleKindCheck, NoStormNamedTwice>();
        });

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        await Databases.DisposeAsync();
    }

    private const string Region = """
        { "table": "weather", "scope": "region", "delay": { "P1": "PT1H", "P2": "PT2H", "P3": "PT3H", "P4": "PT4H" }, "level": 2, "storms": [],
          "cityLimits": { "level": { "max": 3 }, "delay.P1": { "max": "PT2H" } } }
        """;

    [Fact]
    public async Task AKindOfItsOwn_IsListedValidatedSavedLimitedAndReadBack_WithoutTouchingTheRuleService()
    {
        Assert.Equal(["sla", "escalation", "grading", "dispatch", "assessment", "weather"], Rules.Kinds.Select(k => k.Key));
        Assert.Equal(["delay.P1", "delay.P2", "delay.P3", "delay.P4", "level"], Rules.LimitableFields("weather").Select(l => l.Pattern));

        // The kind's own problems, at the save.
        var bad = await Assert.ThrowsAsync<InvalidInputException>(() => Rules.SaveAsync(Admin, "weather", "region", Region.Replace("\"level\": 2", "\"level\": 9"), null, "初始"));
        Assert.Contains("level 9 is outside 1–5", bad.Errors["rules"][0]);

        var saved = await Rules.SaveAsync(Admin, "weather", "region", Region, null, "初始");
        Assert.Equal(1, saved.Version);

        // A city's overrides are merged and held to the limits the catalogue lets the Data Bureau set.
        var outside = await Assert.ThrowsAsync<InvalidInputException>(() => Rules.SaveAsync(Liuzhou, "weather", "4502", """{ "level": 4 }""", null, "更严"));
        Assert.Contains("allows at most 3", outside.Errors["level"][0]);
        await Rules.SaveAsync(Liuzhou, "weather", "4502", """{ "level": 3, "delay": { "P1": "PT30M" } }""", null, "更严");
        var editor = await Rules.EditorAsync(Liuzhou, "weather", "4502");
        Assert.Equal(["delay.P1", "level"], editor.Differences);
        Assert.Empty(Rules.Problems("weather", RuleOverrides.Parse(editor.Region.Json), RuleOverrides.Parse(editor.EffectiveJson), isRegion: false));

        // Tightening the limit shows the city that would fall outside.
        var (_, cities) = await Rules.LimitsAsync(Admin, "weather", Region.Replace("\"max\": 3", "\"max\": 2"));
        Assert.Equal("4502", Assert.Single(cities).City);

        // The check registered for the kind (I/O in real life) runs at the save.
        var check = await Assert.ThrowsAsync<InvalidInputException>(() => Rules.SaveAsync(Liuzhou, "weather", "4502", """{ "storms": ["海葵", "海葵"] }""", 1, "台风"));
        Assert.Contains("海葵 is named twice", check.Errors["storms"][0]);

        // Not replayable, says the kind; an unknown kind is a 404.
        var replay = await Assert.ThrowsAsync<InvalidInputException>(() => Rules.WhatIfAsync(Admin, "weather", "region", Region, null, null));
        Assert.Contains("weather cannot be replayed", replay.Errors["kind"][0]);
        await Assert.ThrowsAsync<NotFoundException>(() => Rules.EditorAsync(Admin, "hail", "region"));

        // Read back typed, through the book, as the rest of the platform reads rules.
        var (weather, set) = await _h.Services.GetRequiredService<RuleBook>().GetAsync<WeatherRules>("weather", "4502");
        Assert.Equal((3, "PT30M", 1), (weather.Level, weather.Delay["P1"], set.Version));
    }

    /// <summary>A made-up kind: a delay per grade, a level 1–5, named storms.</summary>
    public sealed class WeatherRules
    {
        public Dictionary<string, string> Delay { get; set; } = new();
        public int Level { get; set; }
        public List<string> Storms { get; set; } = [];
    }

    private sealed class WeatherRuleKind : RuleKind<WeatherRules>
    {
        public override string Key => "weather";
        public override string TitleKey => "Rules.WeatherTitle";
        public override string? NotReplayableReason => "weather cannot be replayed.";

        public override IReadOnlyList<RuleField> Fields { get; } =
        [
            new("delay.{grade}", RuleValueType.Duration, "Rules.Delay") { Limitable = true },
            new("level", RuleValueType.Number, "Rules.Level") { Limitable = true },
            new("storms", RuleValueType.TextList, "Rules.Storms"),
        ];

        public override WeatherRules Parse(string json)
        {
            var rules = JsonSerializer.Deserialize<WeatherRules>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? throw new InvalidDataException("Weather: empty.");
            if (rules.Level is < 1 or > 5) throw new InvalidDataException($"Weather: level {rules.Level} is outside 1–5.");
            return rules;
        }
    }

    private sealed class NoStormNamedTwice : IRuleKindCheck
    {
        public string Kind => "weather";

        public Task<IReadOnlyList<Problem>> ProblemsAsync(IRuleKind kind, JsonObject document, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<Problem>>(kind.FieldAt("storms").Values(document).SelectMany(v => (JsonArray)v.Value)
                .GroupBy(n => n!.GetValue<string>()).Where(g => g.Count() > 1).Select(g => new Problem("invalid", "storms", $"{g.Key} is named twice.")).ToList());
    }
}

public sealed class SqliteRuleKindRegistryTests : RuleKindRegistryTests
{
    protected override ITestDatabases Databases { get; } = new SqliteDatabases();
}

public sealed class PostgreSqlRuleKindRegistryTests : RuleKindRegistryTests
{
    protected override ITestDatabases Databases { get; } = new PostgreSqlDatabases();
}
