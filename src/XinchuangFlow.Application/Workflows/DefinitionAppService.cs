using XinchuangFlow.Application.Access;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Application.Workflows;

/// <summary>Definitions: save drafts, publish, retire, list, export — the Data Bureau's administrators only.</summary>
public sealed class DefinitionAppService(DefinitionService definitions, IDefinitionStore store, AccessService access)
{
    /// <summary>Parses and saves a JSON document as the draft of the next version; publishes it too when asked.</summary>
    public async Task<DefinitionRecord> SaveAsync(Actor actor, string json, bool publish, string source, CancellationToken ct = default)
    {
        Require(actor, "save definitions");
        var model = DefinitionJson.Parse(json);
        var record = await definitions.SaveDraftAsync(model, actor.UserName, source, ct);
        return publish ? await definitions.PublishAsync(record.DefinitionId, ct) : record;
    }

    public Task<DefinitionRecord> PublishAsync(Actor actor, string definitionId, CancellationToken ct = default)
    {
        Require(actor, "publish definitions");
        return definitions.PublishAsync(definitionId, ct);
    }

    public Task<DefinitionRecord> RetireAsync(Actor actor, string definitionId, int version, CancellationToken ct = default)
    {
        Require(actor, "retire definitions");
        return definitions.RetireAsync(definitionId, version, ct);
    }

    public Task<IReadOnlyList<DefinitionRecord>> ListAsync(Actor actor, string? definitionId = null, CancellationToken ct = default)
    {
        Require(actor, "list definitions");
        return store.ListDefinitionVersionsAsync(definitionId, ct);
    }

    public async Task<DefinitionRecord> GetAsync(Actor actor, string definitionId, int? version, CancellationToken ct = default)
    {
        Require(actor, "read definitions");
        var record = version is { } v ? await store.FindDefinitionAsync(definitionId, v, ct) : await store.FindLatestAsync(definitionId, ct);
        return record ?? throw new WorkflowNotFoundException(version is null
            ? $"Workflow definition '{definitionId}' does not exist."
            : $"Workflow definition '{definitionId}' version {version} does not exist.");
    }

    private void Require(Actor actor, string action)
    {
        if (!access.IsWorkflowAdmin(actor)) throw access.Denied(actor, action, "Only the Data Bureau's administrators manage workflow definitions.");
    }
}
