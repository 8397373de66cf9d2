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

/// <summary>
/// Who asks to start an instance through a generic way in (the instances API, the admin UI). The definition's start
/// permission decides; a request without a caller comes from a use case of the application (a ticket intake, a
/// sub-workflow) that has made its own decision.
/// </summary>
public sealed record StartCaller(string? User, IReadOnlyCollection<string> Roles);
