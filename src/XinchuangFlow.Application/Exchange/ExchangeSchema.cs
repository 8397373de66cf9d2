using System.Text.Json;
using Json.Schema;
using XinchuangFlow.Domain.Exchange;

namespace XinchuangFlow.Application.Exchange;

/// <summary>
/// The JSON Schema of the exchange standard v1 (<c>docs/schema/exchange-v1.schema.json</c>, embedded): a batch is
/// checked against this very file. What is wrong with the batch as a whole refuses it; what is wrong inside a record
/// refuses that record, with the member's path and the schema's reason.
/// </summary>
public static class ExchangeSchema
{
    public static string Text { get; } = Read();

    private static readonly JsonSchema Schema = JsonSchema.FromText(Text);
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
    /// <summary>Only whether it holds: no annotations collected, the first failure ends it (most batches are valid).</summary>
    private static readonly EvaluationOptions Quick = new() { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true };

    /// <summary>An export document (<c>$defs/export</c>): what <c>GET /api/exchange/v1/export</c> writes.</summary>
    private static readonly JsonSchema ExportSchema = Registered(() =>
        JsonSchema.FromText("""{ "$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": "urn:xinchuangflow:exchange:v1#/$defs/export" }"""));

    private static JsonSchema Registered(Func<JsonSchema> build)
    {
        if (SchemaRegistry.Global.Get(new Uri("urn:xinchuangflow:exchange:v1")) is null) SchemaRegistry.Global.Register(Schema);
        return build();
    }

    /// <summary>Whether an export document meets the standard; the failures' places and reasons when it does not.</summary>
    public static IReadOnlyList<string> CheckExport(JsonElement document)
    {
        if (ExportSchema.Evaluate(document, Quick).IsValid) return [];
        var results = ExportSchema.Evaluate(document, Options);
        return (results.Details ?? []).Where(n => !n.IsValid && n.Errors is { Count: > 0 } && !n.EvaluationPath.ToString().Contains("/if", StringComparison.Ordinal))
            .SelectMany(n => n.Errors!.Select(e => $"{n.InstanceLocation}: {e.Value}")).Distinct().ToList();
    }

    private static string Read()
    {
        using var stream = typeof(ExchangeSchema).Assembly.GetManifestResourceStream("exchange-v1.schema.json")
                           ?? throw new InvalidOperationException("The exchange schema is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The schema's own verdict on a batch, without <see cref="ExchangeSchemaQuick"/> (what that test is held to).</summary>
    public static bool HoldsBySchema(JsonElement batch) => Schema.Evaluate(batch, Quick).IsValid;

    /// <summary>The batch's own problems, and each refused record's (by its index in <c>records</c>).</summary>
    public static (IReadOnlyList<Problem> Batch, IReadOnlyDictionary<int, List<Problem>> Records) Check(JsonElement batch)
    {
        var whole = new List<Problem>();
        var records = new Dictionary<int, List<Problem>>();
        // Most batches are valid: the hand-written test first, then the schema in flag output, and the full list only for a batch that fails.
        if (ExchangeSchemaQuick.Holds(batch) || Schema.Evaluate(batch, Quick).IsValid) return (whole, records);
        var results = Schema.Evaluate(batch, Options);
        var seen = new HashSet<(string, string)>();
        foreach (var node in results.Details ?? [])
        {
            if (node.IsValid || node.Errors is not { Count: > 0 } errors) continue;
            // A failed "if" only chooses the branch; it is not a fault of the record.
            if (node.EvaluationPath.ToString().Contains("/if", StringComparison.Ordinal)) continue;
            var location = node.InstanceLocation.ToString();
            foreach (var (keyword, message) in errors)
            {
                if (!seen.Add((location, keyword + message))) continue;
                if (location.StartsWith("/records/", StringComparison.Ordinal))
                {
                    var rest = location["/records/".Length..];
                    var slash = rest.IndexOf('/');
                    var index = int.Parse(slash < 0 ? rest : rest[..slash], System.Globalization.CultureInfo.InvariantCulture);
                    var field = slash < 0 ? null : rest[(slash + 1)..].Replace('/', '.');
                    if (!records.TryGetValue(index, out var list)) records[index] = list = [];
                    list.Add(Problem.Of(ExchangeProblems.Schema, field ?? "record", message, ("reason", message)));
                }
                else whole.Add(Problem.Of(ExchangeProblems.Batch, location.Length == 0 ? "batch" : location.TrimStart('/').Replace('/', '.'), message, ("reason", message)));
            }
        }
        return (whole, records);
    }
}
