using System.Text.Json;
using System.Text.Json.Nodes;

namespace XinchuangFlow.Domain.Rules;

/// <summary>
/// A city's rules are overrides on top of the regional default, field by field (RUL-1): the city's document holds only
/// what it changes; objects merge member by member, any other value (a duration, a number, a list) replaces the
/// regional one, and <c>null</c> takes a regional member away. A full copy of the regional document is a valid (if
/// redundant) override, so documents stored before overrides existed keep meaning what they meant.
/// </summary>
public static class RuleOverrides
{
    private static readonly JsonDocumentOptions Reading = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Members that describe the document rather than a rule, and the Data Bureau's limits (never a city's to change).</summary>
    private static readonly HashSet<string> Header = new(StringComparer.Ordinal) { "schemaVersion", "table", "scope", RuleLimits.Member };

    /// <summary>Parses a rule document (comments and trailing commas allowed); throws <see cref="InvalidDataException"/> when it is not a JSON object.</summary>
    public static JsonObject Parse(string json)
    {
        try
        {
            return JsonNode.Parse(json, documentOptions: Reading) as JsonObject ?? throw new InvalidDataException("A rule document must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The rules are not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>The effective document of a city: the regional one with the city's overrides applied (the city's scope).</summary>
    public static JsonObject Merge(JsonObject region, JsonObject overrides)
    {
        var result = (JsonObject)region.DeepClone();
        Apply(result, overrides);
        if (overrides["scope"] is { } scope) result["scope"] = scope.DeepClone();
        return result;
    }

    public static string Merge(string regionJson, string overridesJson) => Merge(Parse(regionJson), Parse(overridesJson)).ToJsonString();

    private static void Apply(JsonObject target, JsonObject overrides)
    {
        foreach (var (name, value) in overrides)
        {
            if (Header.Contains(name) && ReferenceEquals(target, target.Root)) continue;
            if (value is null) target.Remove(name);
            else if (value is JsonObject o && target[name] is JsonObject existing) Apply(existing, o);
            else target[name] = value.DeepClone();
        }
    }

    /// <summary>The paths (e.g. <c>onSite.sameCity</c>) where the city's effective value differs from the regional one.</summary>
    public static IReadOnlyList<string> Differences(JsonObject region, JsonObject overrides)
    {
        var effective = Merge(region, overrides);
        var paths = new List<string>();
        Compare(region, effective, "", paths);
        return paths;
    }

    private static void Compare(JsonNode? region, JsonNode? effective, string path, List<string> paths)
    {
        if (region is JsonObject a && effective is JsonObject b)
        {
            foreach (var name in a.Select(p => p.Key).Union(b.Select(p => p.Key)))
            {
                if (path.Length == 0 && Header.Contains(name)) continue;
                Compare(a[name], b[name], path.Length == 0 ? name : $"{path}.{name}", paths);
            }
            return;
        }
        if (!JsonNode.DeepEquals(region, effective)) paths.Add(path);
    }

    /// <summary>The value at a dotted path (e.g. <c>onSite.byGrade.P1.sameCity</c>), or null.</summary>
    public static JsonNode? Find(JsonObject doc, string path)
    {
        JsonNode? n = doc;
        foreach (var part in path.Split('.')) n = n is JsonObject o ? o[part] : null;
        return n;
    }

    /// <summary>The overrides without the one at <paramref name="path"/> (the city takes the regional value again); empty objects are pruned.</summary>
    public static JsonObject Without(JsonObject overrides, string path)
    {
        var result = (JsonObject)overrides.DeepClone();
        var parts = path.Split('.');
        var chain = new List<JsonObject> { result };
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (chain[^1][parts[i]] is not JsonObject next) return result;
            chain.Add(next);
        }
        chain[^1].Remove(parts[^1]);
        for (var i = chain.Count - 1; i > 0; i--)
            if (chain[i].Count == 0) chain[i - 1].Remove(parts[i - 1]);
        return result;
    }
}
