using System.Text.Json.Nodes;

namespace XinchuangFlow.Engine.Abstractions;

/// <summary>Evaluates input expressions in a sandbox.</summary>
public interface IExpressionEvaluator
{
    /// <summary>Evaluates an expression; the value comes back as JSON. Throws <see cref="ExpressionException"/>.</summary>
    JsonNode? Evaluate(string expression, ExpressionScope scope);

    /// <summary>Checks the syntax without running it; null when fine, else the error message.</summary>
    string? Check(string expression);
}

/// <summary>The names visible to an expression.</summary>
public sealed record ExpressionScope(
    JsonObject Variables,
    JsonObject Input,
    Guid InstanceId,
    string ActivityId,
    DateTimeOffset Now,
    JsonNode? Last = null);

/// <summary>An expression failed to parse or run, or broke a sandbox limit.</summary>
public sealed class ExpressionException(string message, Exception? inner = null) : Exception(message, inner);
