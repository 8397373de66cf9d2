using System.Collections.Concurrent;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Definitions;

namespace XinchuangFlow.Engine.Runtime;

/// <summary>Parsed definition versions. Published versions are immutable, so caching them is safe.</summary>
public sealed class DefinitionCache(IWorkflowStore store)
{
    private readonly ConcurrentDictionary<(string, int), CompiledDefinition> _cache = new();

    public async Task<CompiledDefinition> GetAsync(string definitionId, int version, CancellationToken ct = default)
    {
        if (_cache.TryGetValue((definitionId, version), out var hit)) return hit;
        var record = await store.FindDefinitionAsync(definitionId, version, ct)
                     ?? throw new WorkflowNotFoundException($"Workflow definition '{definitionId}' version {version} does not exist.");
        var compiled = new CompiledDefinition(DefinitionJson.Parse(record.Json), version);
        if (record.Status != DefinitionStatus.Draft) _cache[(definitionId, version)] = compiled;
        return compiled;
    }

    /// <summary>Forgets a version (a draft that was overwritten).</summary>
    public void Evict(string definitionId, int version) => _cache.TryRemove((definitionId, version), out _);
}
