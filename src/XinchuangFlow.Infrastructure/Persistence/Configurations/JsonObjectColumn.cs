using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using XinchuangFlow.Engine.Definitions;

namespace XinchuangFlow.Infrastructure.Persistence.Configurations;

/// <summary>
/// A JSON object stored as compact text (task and journal data). Shared by the configurations that need it: the
/// conversion holds no state, and the comparer compares content, so a changed node inside the object is still saved.
/// </summary>
internal static class JsonObjectColumn
{
    public static readonly ValueConverter<JsonObject?, string?> Converter = new(
        v => v == null ? null : v.ToJsonString(DefinitionJson.Compact),
        s => s == null ? null : JsonNode.Parse(s, null, default) as JsonObject);

    public static readonly ValueComparer<JsonObject?> Comparer = new(
        (a, c) => JsonNode.DeepEquals(a, c),
        v => v == null ? 0 : v.ToJsonString(DefinitionJson.Compact).GetHashCode(),
        v => v == null ? null : (JsonObject)v.DeepClone());
}
