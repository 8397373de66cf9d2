using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace XinchuangFlow.Engine.Definitions;

/// <summary>Reads and writes definition JSON with the documented conventions (camelCase, comments allowed).</summary>
public static class DefinitionJson
{
    /// <summary>The schema version this engine writes; it reads every version up to it.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Options shared by everything that reads or writes definition and instance JSON.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = 64,
    };

    /// <summary>Options for compact storage.</summary>
    public static readonly JsonSerializerOptions Compact = new(Options) { WriteIndented = false };

    /// <summary>Parses a definition; a malformed document gives a <see cref="DefinitionFormatException"/> with the position.</summary>
    /// <summary>A definition received as a JSON node, as text; one holding an unpaired surrogate escape is refused as malformed.</summary>
    public static string Text(System.Text.Json.Nodes.JsonNode node)
    {
        try { return node.ToJsonString(); }
        catch (InvalidOperationException) { throw new DefinitionFormatException("The definition holds text that is not valid Unicode (an unpaired surrogate escape such as \\ud800)."); }
    }

    public static WorkflowDefinitionModel Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
            throw new DefinitionFormatException("The definition is empty.");
        try
        {
            // The reader accepts an escaped lone surrogate ("\ud800") that no writer can write back: refuse it now.
            try { _ = System.Text.Json.Nodes.JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })?.ToJsonString(); }
            catch (InvalidOperationException) { throw new DefinitionFormatException("The definition holds text that is not valid Unicode (an unpaired surrogate escape such as \\ud800)."); }
            var model = JsonSerializer.Deserialize<WorkflowDefinitionModel>(json, Options)
                        ?? throw new DefinitionFormatException("The definition is null.");
            model.Variables ??= [];
            model.Activities ??= [];
            model.Connections ??= [];
            foreach (var a in model.Activities)
                a.Inputs ??= new(StringComparer.Ordinal);
            return model;
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, position {ex.BytePositionInLine + 1})" : "";
            throw new DefinitionFormatException($"The definition is not valid JSON{where}: {ex.Message}", ex);
        }
    }

    /// <summary>Serialises a definition in the documented layout.</summary>
    public static string Serialize(WorkflowDefinitionModel model, bool indented = true) =>
        JsonSerializer.Serialize(model, indented ? Options : Compact);

    /// <summary>SHA-256 of the canonical compact form: equal hashes mean the same definition content.</summary>
    public static string ContentHash(WorkflowDefinitionModel model)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(Serialize(model, indented: false)));
        return Convert.ToHexString(bytes);
    }

    /// <summary>True when the input value is an expression object <c>{"expr": "…"}</c>.</summary>
    public static bool TryGetExpression(JsonNode? value, out string expression)
    {
        if (value is JsonObject obj && obj.Count == 1 && obj["expr"] is JsonValue v && v.TryGetValue<string>(out var s))
        {
            expression = s;
            return true;
        }
        expression = "";
        return false;
    }

    /// <summary>Makes an expression input value.</summary>
    public static JsonObject Expr(string expression) => new() { ["expr"] = expression };
}
