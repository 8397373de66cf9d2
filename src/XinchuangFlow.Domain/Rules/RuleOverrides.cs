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
            var doc = JsonNode.Parse(json, documentOptions: Reading) as JsonObject ?? throw new InvalidDataException("A rule document must be a JSON object.");
            // The reader accepts an escaped lone surrogate ("\ud800") that no writer can write back: refuse it here, not at the save.
            _ = doc.ToJsonString();
            return doc;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The rules are not valid JSON: {ex.Message}", ex);
        }
        catch (InvalidOperationException)
        {
            throw new InvalidDataException("The rules hold text that is not valid Unicode (an unpaired surrogate escape such as \\ud800).");
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

    /// <summary>
    /// What changed from one version of a document to the next, field by field (objects compared member by member — one
    /// present on one side only as if empty on the other —, any other value as a whole): the path, the value before and after (null when absent). Header members are left out.
    /// </summary>
    public static IReadOnlyList<(string Path, string? Before, string? After)> Diff(JsonObject before, JsonObject after)
    {
        var changes = new List<(string, string?, string?)>();
        void Walk(JsonNode? a, JsonNode? b, string path)
        {
            // An object on one side only is compared with an empty one: its fields are listed one by one.
            if (a is JsonObject && b is null) b = new JsonObject();
            if (b is JsonObject && a is null) a = new JsonObject();
            if (a is JsonObject x && b is JsonObject y)
            {
                foreach (var name in x.Select(p => p.Key).Union(y.Select(p => p.Key)))
                {
                    if (path.Length == 0 && name is "schemaVersion" or "table" or "scope") continue;
                    Walk(x[name], y[name], path.Length == 0 ? name : $"{path}.{name}");
                }
                return;
            }
            if (!JsonNode.DeepEquals(a, b)) changes.Add((path, a?.ToJsonString().Trim('"'), b?.ToJsonString().Trim('"')));
        }
        Walk(before, after, "");
        return changes;
    }

    /// <summary>The value at a dotted path (e.g. <c>onSite.byGrade.P1.sameCity</c>), or null.</summary>
    public static JsonNode? Find(JsonObject doc, string path)
    {
        JsonNode? n = doc;
        foreach (var part in path.Split('.')) n = n is JsonObject o ? o[part] : null;
        return n;
    }

    /// <summary>
    /// Every value whose path matches <paramref name="pattern"/>, where a <c>*</c> segment stands for any member (e.g.
    /// <c>onSite.byGrade.*.sameCity</c>), with its concrete path.
    /// </summary>
    public static IEnumerable<(string Path, JsonNode Value)> FindAll(JsonObject doc, string pattern)
    {
        IEnumerable<(string, JsonNode?)> level = [("", doc)];
        foreach (var part in pattern.Split('.'))
            level = level.SelectMany(x => x.Item2 is not JsonObject o ? []
                : part == "*" ? o.Select(p => (Join(x.Item1, p.Key), p.Value))
                : [(Join(x.Item1, part), o[part])]).ToList();
        return level.Where(x => x.Item2 is not null).Select(x => (x.Item1, x.Item2!));
    }

    private static string Join(string path, string part) => path.Length == 0 ? part : $"{path}.{part}";

    /// <summary>Sets the value at a dotted path of <paramref name="doc"/> in place (objects on the way are created); null removes it.</summary>
    public static void Set(JsonObject doc, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var target = doc;
        foreach (var part in parts[..^1])
        {
            if (target[part] is not JsonObject next) { next = new JsonObject(); target[part] = next; }
            target = next;
        }
        if (value is null) target.Remove(parts[^1]);
        else target[parts[^1]] = value;
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
