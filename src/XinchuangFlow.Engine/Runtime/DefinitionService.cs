using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Validation;

namespace XinchuangFlow.Engine.Runtime;

/// <summary>Saves, publishes, retires and imports definition versions.</summary>
public sealed class DefinitionService(IWorkflowStore store, DefinitionValidator validator, DefinitionCache cache, TimeProvider clock)
{
    /// <summary>
    /// Validates and saves a definition as the draft of its next version (an existing draft is replaced).
    /// Returns the stored record. Throws <see cref="DefinitionInvalidException"/> listing every problem.
    /// </summary>
    public Task<DefinitionRecord> SaveDraftAsync(WorkflowDefinitionModel model, string? user, string? source = null, CancellationToken ct = default) =>
        SaveDraftAsync(model, user, source, new DraftSaveOptions(), ct);

    /// <summary>
    /// Saves a draft as the designer does: work in progress may still have problems (publishing checks them), and
    /// <see cref="DraftSaveOptions.ExpectedLatest"/> guards against overwriting what someone else saved meanwhile
    /// (<see cref="DefinitionConflictException"/>).
    /// </summary>
    public async Task<DefinitionRecord> SaveDraftAsync(WorkflowDefinitionModel model, string? user, string? source, DraftSaveOptions options, CancellationToken ct = default)
    {
        if (options.Validate) validator.EnsureValid(model);
        else if (string.IsNullOrWhiteSpace(model.DefinitionId)) throw new InvalidInputException(Problem.Of(EngineProblems.DefinitionIdMissing, "definitionId", "The definition needs a definitionId."));
        var latest = await store.FindLatestAsync(model.DefinitionId, ct);
        if (options.ExpectedLatest is { } expected && (latest?.Version != expected.Version || latest.ContentHash != expected.Hash))
            throw new DefinitionConflictException(model.DefinitionId, latest);
        var now = clock.GetUtcNow();
        DefinitionRecord record;
        if (latest is { Status: DefinitionStatus.Draft })
        {
            record = latest;
            cache.Evict(record.DefinitionId, record.Version);
        }
        else
        {
            record = new DefinitionRecord
            {
                Id = Guid.CreateVersion7(),
                DefinitionId = model.DefinitionId,
                Version = (latest?.Version ?? 0) + 1,
                Status = DefinitionStatus.Draft,
                CreatedAt = now,
            };
        }
        record.CreatedAt = now;   // a draft's time is when its content was last saved
        record.Name = model.Name;
        record.Json = DefinitionJson.Serialize(model);
        record.ContentHash = DefinitionJson.ContentHash(model);
        record.Source = source;
        record.CreatedBy = user;
        await store.SaveDefinitionAsync(record, ct);
        return record;
    }

    /// <summary>Publishes the latest draft (validating it again); earlier published versions are retired.</summary>
    public async Task<DefinitionRecord> PublishAsync(string definitionId, CancellationToken ct = default)
    {
        var latest = await store.FindLatestAsync(definitionId, ct)
                     ?? throw new NotFoundException(Problem.Of(EngineProblems.DefinitionNotFound, null, $"Workflow definition '{definitionId}' does not exist.", ("definition", definitionId)));
        if (latest.Status != DefinitionStatus.Draft)
            throw new StateConflictException(Problem.Of(EngineProblems.NoDraft, null, $"Workflow definition '{definitionId}' has no draft to publish (version {latest.Version} is {latest.Status}).",
                ("definition", definitionId), ("version", latest.Version), ("status", latest.Status)));
        validator.EnsureValid(DefinitionJson.Parse(latest.Json));
        await store.PublishAsync(latest.Id, clock.GetUtcNow(), ct);
        cache.Evict(definitionId, latest.Version);
        cache.EvictLatest(definitionId);
        return (await store.FindDefinitionAsync(definitionId, latest.Version, ct))!;
    }

    /// <summary>Retires a published version: its instances run on, new ones cannot start on it.</summary>
    public async Task<DefinitionRecord> RetireAsync(string definitionId, int version, CancellationToken ct = default)
    {
        var record = await store.FindDefinitionAsync(definitionId, version, ct)
                     ?? throw new NotFoundException(Problem.Of(EngineProblems.VersionNotFound, null, $"Workflow definition '{definitionId}' version {version} does not exist.", ("definition", definitionId), ("version", version)));
        if (record.Status != DefinitionStatus.Published)
            throw new StateConflictException(Problem.Of(EngineProblems.RetireNotPublished, null, $"Version {version} is {record.Status}; only a published version can be retired.", ("version", version), ("status", record.Status)));
        await store.SetDefinitionStatusAsync(record.Id, DefinitionStatus.Retired, clock.GetUtcNow(), ct);
        cache.EvictLatest(definitionId);
        return (await store.FindDefinitionAsync(definitionId, version, ct))!;
    }

    /// <summary>
    /// Imports a definition file: when its content differs from the latest stored version it becomes a new
    /// published version; when it is the same nothing happens. Returns the record and whether it was new.
    /// </summary>
    public async Task<(DefinitionRecord Record, bool Created)> ImportAsync(WorkflowDefinitionModel model, string source, CancellationToken ct = default)
    {
        var hash = DefinitionJson.ContentHash(model);
        var versions = await store.ListDefinitionVersionsAsync(model.DefinitionId, ct);
        var same = versions.FirstOrDefault(v => v.ContentHash == hash && v.Status != DefinitionStatus.Draft);
        if (same is not null) return (same, false);
        await SaveDraftAsync(model, "system", source, ct);
        return (await PublishAsync(model.DefinitionId, ct), true);
    }
}
