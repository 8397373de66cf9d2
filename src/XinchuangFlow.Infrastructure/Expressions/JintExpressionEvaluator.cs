using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime;
using XinchuangFlow.Engine.Abstractions;

namespace XinchuangFlow.Infrastructure.Expressions;

/// <summary>
/// Jint-based evaluator. Scripts get <c>vars</c>, <c>input</c>, <c>last</c>, <c>now</c> (ISO text), <c>instanceId</c>
/// and <c>activityId</c> as plain JSON values; there is no CLR access, no <c>eval</c>/<c>Function</c> and hard
/// limits on time, statements, memory and recursion.
/// </summary>
public sealed class JintExpressionEvaluator(ExpressionOptions options) : IExpressionEvaluator
{
    private readonly ConcurrentDictionary<string, Prepared<Acornima.Ast.Script>> _scripts = new(StringComparer.Ordinal);

    public JintExpressionEvaluator() : this(new ExpressionOptions()) { }

    public JsonNode? Evaluate(string expression, ExpressionScope scope)
    {
        var script = Prepare(expression);
        if (PathOf(expression) is { } path && TryRead(path, scope, out var read)) return read;
        var engine = new Jint.Engine(o =>
        {
            o.Strict = true;
            o.TimeoutInterval(options.Timeout);
            o.MaxStatements(options.MaxStatements);
            o.LimitMemory(options.MemoryLimitBytes);
            o.LimitRecursion(options.MaxRecursion);
            o.DisableStringCompilation();
            o.TimeZone = TimeZoneInfo.Utc;
            o.Culture = System.Globalization.CultureInfo.InvariantCulture;
        });
        try
        {
            var parser = new JsonParser(engine);
            engine.SetValue("vars", parser.Parse(scope.Variables.ToJsonString()));
            engine.SetValue("input", parser.Parse(scope.Input.ToJsonString()));
            engine.SetValue("last", scope.Last is null ? JsValue.Null : parser.Parse(scope.Last.ToJsonString()));
            engine.SetValue("now", scope.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"));
            engine.SetValue("instanceId", scope.InstanceId.ToString());
            engine.SetValue("activityId", scope.ActivityId);
            var result = engine.Evaluate(script);
            if (result.IsUndefined() || result.IsNull()) return null;
            if (result is Jint.Native.Function.Function) throw new ExpressionException("The expression returned a function, not a value.");
            var json = new JsonSerializer(engine).Serialize(result);
            return json.IsUndefined() ? null : JsonNode.Parse(json.AsString());
        }
        catch (ExpressionException) { throw; }
        catch (JavaScriptException ex) { throw new ExpressionException($"Script error: {ex.Message}", ex); }
        catch (TimeoutException ex) { throw new ExpressionException($"The expression ran longer than {options.Timeout.TotalMilliseconds:0} ms.", ex); }
        catch (StatementsCountOverflowException ex) { throw new ExpressionException($"The expression ran more than {options.MaxStatements} statements.", ex); }
        catch (MemoryLimitExceededException ex) { throw new ExpressionException("The expression used too much memory.", ex); }
        catch (RecursionDepthOverflowException ex) { throw new ExpressionException("The expression recursed too deeply.", ex); }
        catch (JintException ex) { throw new ExpressionException($"The expression failed: {ex.Message}", ex); }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or System.Text.Json.JsonException)
        {
            throw new ExpressionException($"The expression failed: {ex.Message}", ex);
        }
    }

    // ---- the common case without an engine: a plain path such as vars.request.countyCode
    // Many expressions of a flow only read a value (the service-ticket flow: 15 of its 47 distinct ones, among them the inputs every start reads). Jint would parse
    // the whole of vars (and input) from JSON to read it; the path is read from the JSON nodes instead. Only when every
    // step is a property an object has: anything else (a missing property, a string's length, an array) goes to Jint,
    // which gives JavaScript's own answer or error.
    private static readonly System.Text.RegularExpressions.Regex PlainPath =
        new(@"^\s*(vars|input|last)((?:\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)+)\s*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    private readonly ConcurrentDictionary<string, string[]?> _paths = new(StringComparer.Ordinal);

    private string[]? PathOf(string expression)
    {
        if (_paths.TryGetValue(expression, out var known)) return known;
        var m = PlainPath.Match(expression);
        string[]? path = m.Success ? [m.Groups[1].Value, .. m.Groups[2].Value.Split('.', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)] : null;
        if (_paths.Count < 10_000) _paths[expression] = path;
        return path;
    }

    private static bool TryRead(string[] path, ExpressionScope scope, out JsonNode? value)
    {
        value = null;
        JsonNode? node = path[0] switch { "vars" => scope.Variables, "input" => scope.Input, _ => scope.Last };
        for (var i = 1; i < path.Length; i++)
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(path[i], out node)) return false;
        }
        // JSON null reads as null, as through Jint. The value is handed out as Jint's would be: a copy read back from its
        // JSON text, so a number held as a CLR value in the variables (an activity's output) comes out as a JSON number
        // like any other (an activity reading it as an int would otherwise be refused a double).
        value = node is null ? null : JsonNode.Parse(node.ToJsonString());
        return true;
    }

    public string? Check(string expression)
    {
        try
        {
            Prepare(expression);
            return null;
        }
        catch (ExpressionException ex)
        {
            return ex.Message;
        }
    }

    private Prepared<Acornima.Ast.Script> Prepare(string expression)
    {
        if (string.IsNullOrWhiteSpace(expression)) throw new ExpressionException("The expression is empty.");
        if (expression.Length > options.MaxExpressionLength)
            throw new ExpressionException($"The expression is longer than {options.MaxExpressionLength} characters.");
        if (_scripts.TryGetValue(expression, out var cached)) return cached;
        try
        {
            var prepared = Jint.Engine.PrepareScript(expression, options: new ScriptPreparationOptions { ParsingOptions = new ScriptParsingOptions { Tolerant = false } });
            if (_scripts.Count < 10_000) _scripts[expression] = prepared;
            return prepared;
        }
        catch (Exception ex) when (ex is Acornima.ParseErrorException or Acornima.SyntaxErrorException or JintException)
        {
            throw new ExpressionException($"Syntax error: {ex.Message}", ex);
        }
    }
}
