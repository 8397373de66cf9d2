using System.Text.Json.Nodes;

namespace XinchuangFlow.Engine.Runtime;

/// <summary>How to start an instance.</summary>
public sealed record StartRequest(
    string DefinitionId,
    JsonObject? Input = null,
    int? Version = null,
    string? CorrelationId = null,
    string? User = null,
    bool Dispatch = false,
    StartCaller? Caller = null);
