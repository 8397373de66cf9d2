using System.Text.Json.Nodes;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Engine.Activities;

/// <summary>What resumed a bookmark.</summary>
public sealed record ResumeStimulus(Bookmark Bookmark, string? Outcome, JsonNode? Payload, string? User);
