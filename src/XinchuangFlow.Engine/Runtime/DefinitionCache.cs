using System.Collections.Concurrent;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Definitions;

namespace XinchuangFlow.Engine.Runtime;

/// <summary>Parsed definition versions. Published versions are immutable, so caching them is safe.</summary>
public sealed class DefinitionCache(IWorkflowStore store)
{
    private readonly ConcurrentDictionary<(string, int), CompiledDefinition> _cache = new();
    private readonly ConcurrentDictionary<string, (DefinitionRecord Record, long Until)> _latest = new(StringComparer.Ordinal);

    /// <summary>
    /// How long the answer to "which version is the latest published" is reused. Publishing or retiring on this
    /// node forgets it at once; another node's publish is seen within this time.
    /// </summary>
    public TimeSpan LatestPublishedTtl { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The latest published version, cached for <see cref="LatestPublishedTtl"/>.</summary>
    public async Task<DefinitionRecord?> GetLatestPublishedAsync(string definitionId, CancellationToken ct = default)
    {
        var now = Environment.TickCount64;
        if (_latest.TryGetValue(definitionId, out var hit) && hit.Until > now) return hit.Record;
        var record = await store.FindLatestPublishedAsync(definitionId, ct);
        if (record is not null) _latest[definitionId] = (record, now + (long)LatestPublishedTtl.TotalMilliseconds);
        else _latest.TryRemove(definitionId, out _);
        return record;
    }

    /// <summary>Forgets the cached latest published version (after a publish or retire).</summary>
    public void EvictLatest(string definitionId) => _latest.TryRemove(definitionId, out _);

    public async Task<CompiledDefinition> GetAsync(string definitionId, int version, CancellationToken ct = default)
    {
        if (_cache.TryGetValue((definitionId, version), out var hit)) return hit;
        var record = await store.FindDefinitionAsync(definitionId, version, ct)
                     ?? throw new NotFoundException(Problem.Of(EngineProblems.VersionNotFound, null, $"Workflow definition '{definitionId}' version {version} does not exist.", ("definition", definitionId), ("version", version)));
        var compiled = new CompiledDefinition(DefinitionJson.Parse(record.Json), version);
        if (record.Status != DefinitionStatus.Draft) _cache[(definitionId, version)] = compiled;
        return compiled;
    }

    /// <summary>Forgets a version (a draft that was overwritten).</summary>
    public void Evict(string definitionId, int version) => _cache.TryRemove((definitionId, version), out _);
}
