using System.Text.Json.Nodes;

namespace XinchuangFlow.Engine.Abstractions;

/// <summary>The names visible to an expression.</summary>
public sealed record ExpressionScope(
    JsonObject Variables,
    JsonObject Input,
    Guid InstanceId,
    string ActivityId,
    DateTimeOffset Now,
    JsonNode? Last = null);
