namespace XinchuangFlow.Engine.Abstractions;

/// <summary>Stored definition versions.</summary>
public interface IDefinitionStore
{
    Task<DefinitionRecord?> FindDefinitionAsync(string definitionId, int version, CancellationToken ct = default);
    Task<DefinitionRecord?> FindLatestAsync(string definitionId, CancellationToken ct = default);
    Task<DefinitionRecord?> FindLatestPublishedAsync(string definitionId, CancellationToken ct = default);
    Task<IReadOnlyList<DefinitionRecord>> ListDefinitionVersionsAsync(string? definitionId, CancellationToken ct = default);
    /// <summary>Inserts a new version row, or updates an existing draft row (same Id).</summary>
    Task SaveDefinitionAsync(DefinitionRecord record, CancellationToken ct = default);
    /// <summary>Publishes one version and retires the previously published ones, in one transaction.</summary>
    Task PublishAsync(Guid recordId, DateTimeOffset now, CancellationToken ct = default);
    Task SetDefinitionStatusAsync(Guid recordId, DefinitionStatus status, DateTimeOffset now, CancellationToken ct = default);
}
