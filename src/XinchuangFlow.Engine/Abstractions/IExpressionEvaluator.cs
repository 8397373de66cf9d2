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
