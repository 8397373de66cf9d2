using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace XinchuangFlow.Web.Tests;

/// <summary>One operation of the app's OpenAPI document: method, route template, parameters, whether it takes a body.</summary>
public sealed record ApiOperation(HttpMethod Method, string Template, IReadOnlyList<ApiParameter> Parameters, JsonNode? BodyExample, bool HasBody, bool ReadsOnly)
{
    public bool Writes => Method != HttpMethod.Get && Method != HttpMethod.Head && !ReadsOnly;
    public IEnumerable<ApiParameter> Path => Parameters.Where(p => p.In == "path");
    public IEnumerable<ApiParameter> Query => Parameters.Where(p => p.In == "query");
    public override string ToString() => $"{Method} {Template}";
}

/// <summary>A path or query parameter as the document declares it.</summary>
public sealed record ApiParameter(string Name, string In, string? Type, string? Format);

/// <summary>
/// Walks the OpenAPI document the app serves, so every operation — including one added tomorrow — is probed by the
/// scope, read-only and extreme-parameter tests without being listed by hand.
/// </summary>
public static class OpenApiProbe
{
    public static async Task<IReadOnlyList<ApiOperation>> OperationsAsync(HttpClient client)
    {
        var doc = (await client.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var list = new List<ApiOperation>();
        foreach (var (path, item) in doc["paths"]!.AsObject())
        {
            if (!path.StartsWith("/api/", StringComparison.Ordinal)) continue;
            foreach (var (method, op) in item!.AsObject())
            {
                if (op is not JsonObject operation || method == "parameters") continue;
                var parameters = (operation["parameters"] as JsonArray ?? []).OfType<JsonObject>()
                    .Select(p => new ApiParameter(p["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(), TypeOf(p["schema"]), p["schema"]?["format"]?.GetValue<string>()))
                    .Where(p => p.In is "path" or "query").ToList();
                var body = operation["requestBody"]?["content"]?.AsObject();
                var example = body?.Select(c => c.Value?["example"]).FirstOrDefault(e => e is not null);
                list.Add(new ApiOperation(new HttpMethod(method.ToUpperInvariant()), path, parameters, example?.DeepClone(), body is not null,
                    operation["x-xf-reads-only"]?.GetValue<bool>() == true));
            }
        }
        return list;
    }

    private static string? TypeOf(JsonNode? schema) => schema?["type"] switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray a => a.Select(x => x!.GetValue<string>()).FirstOrDefault(t => t != "null"),
        _ => null,
    };

    /// <summary>The request for <paramref name="op"/> with these path and query values (a query value of null is left out).</summary>
    public static HttpRequestMessage Request(ApiOperation op, IReadOnlyDictionary<string, string> path, IReadOnlyDictionary<string, string?> query, JsonNode? body)
    {
        var url = new StringBuilder(op.Template);
        foreach (var p in op.Path)
            url.Replace("{" + p.Name + "}", Uri.EscapeDataString(path.TryGetValue(p.Name, out var v) ? v : throw new InvalidOperationException($"No value for {{{p.Name}}} of {op}")));
        var pairs = op.Query.Where(p => query.TryGetValue(p.Name, out var q) && q is not null)
            .Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(query[p.Name]!)}").ToList();
        if (pairs.Count > 0) url.Append(op.Template.Contains('?') ? '&' : '?').Append(string.Join('&', pairs));
        var request = new HttpRequestMessage(op.Method, url.ToString());
        if (op.HasBody || op.Method != HttpMethod.Get) request.Content = new StringContent((body ?? op.BodyExample ?? new JsonObject()).ToJsonString(), Encoding.UTF8, "application/json");
        return request;
    }

    /// <summary>Values that break careless code: empty, negative, huge, the ends of the calendar, the wrong type, long and hostile text.</summary>
    public static readonly IReadOnlyList<string> ExtremeValues =
    [
        "", " ", "-1", "0", "2147483648", "-9223372036854775809", "99999999999999999999999999", "1e309", "NaN",
        "9999-12-31", "0001-01-01", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00+14:00", "2026-02-30",
        "00000000-0000-0000-0000-000000000000", "not-a-guid", "true", "P99999Y", "-P1D",
        new string('字', 5000), "'; DROP TABLE \"AspNetUsers\"; --", "<script>alert(1)</script>", "%00", "..%2F..%2Fetc%2Fpasswd", "{\"$gt\":\"\"}",
    ];
}
