using System.Text.Json.Nodes;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Web.Api;

// Workflow definitions: a version's summary and the designer's requests.

/// <summary>A definition version; <see cref="ContentHash"/> is what a later draft save names as its base (conflict detection).</summary>
public sealed record DefinitionSummary(Guid Id, string DefinitionId, int Version, string Status, string Name,
    DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt, DateTimeOffset? RetiredAt, string? Source, string ContentHash, string? CreatedBy)
{
    public static DefinitionSummary From(DefinitionRecord r) =>
        new(r.Id, r.DefinitionId, r.Version, r.Status.ToString(), r.Name, r.CreatedAt, r.PublishedAt, r.RetiredAt, r.Source, r.ContentHash, r.CreatedBy);
}

/// <summary>The designer's save: the whole definition, the version it was opened from, and a comment for the audit log.</summary>
public sealed record SaveDraftRequest(JsonObject? Definition, int? BaseVersion, string? BaseHash, string? Comment);

public sealed record RollBackRequest(int ToVersion, string? Comment);
