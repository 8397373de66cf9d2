using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Domain.Rules;

namespace XinchuangFlow.Application.Rules;

/// <summary>Where rule sets are kept and edited (the database layer implements it).</summary>
public interface IRuleSetStore
{
    Task<IReadOnlyList<RuleSet>> ListAsync(CancellationToken ct = default);
    Task<RuleSet?> FindAsync(string kind, string scope, CancellationToken ct = default);
    /// <summary>Saves a checked document; version +1; a stale <paramref name="expectedVersion"/> is a concurrency conflict.</summary>
    Task<RuleSet> SaveAsync(string kind, string scope, string json, string? user, int? expectedVersion, CancellationToken ct = default);
}

/// <summary>
/// Reading and editing rule sets (RUL-1): anyone signed in reads them; the Data Bureau edits the regional and every
/// city's; a municipal coordinator edits their own city's. A document is checked in full before it is stored:
/// kind, scope (the document's own <c>scope</c> and <c>table</c> must agree with where it is saved), values in bounds.
/// </summary>
public sealed class RuleService(IRuleSetStore store, AccessService access)
{
    public Task<IReadOnlyList<RuleSet>> ListAsync(Actor actor, CancellationToken ct = default) => store.ListAsync(ct);

    public async Task<RuleSet> GetAsync(Actor actor, string kind, string scope, CancellationToken ct = default) =>
        await store.FindAsync(kind, scope, ct) ?? throw new Engine.Runtime.WorkflowNotFoundException($"There are no {kind} rules for {scope}.");

    public async Task<RuleSet> SaveAsync(Actor actor, string kind, string scope, string json, int? expectedVersion, CancellationToken ct = default)
    {
        if (!RuleKinds.All.Contains(kind)) throw new Engine.Runtime.WorkflowNotFoundException($"Unknown rule kind '{kind}' (use {string.Join(", ", RuleKinds.All)}).");
        if (scope != RuleKinds.RegionScope && Domain.Network.GuangxiDivisions.Shipped.Cities.All(c => c.Code != scope))
            throw new Engine.Runtime.WorkflowNotFoundException($"Scope '{scope}' is neither 'region' nor a Guangxi city code.");
        if (!access.MayEditRules(actor, scope))
            throw access.Denied(actor, $"edit {kind} rules of {scope}", "The Data Bureau edits regional rules; a municipal coordinator edits their own city's.");
        var problems = new List<string>();
        try
        {
            if (JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) is not JsonObject doc)
                problems.Add("The rules must be a JSON object.");
            else
            {
                if (doc["scope"] is JsonValue s && s.TryGetValue<string>(out var bodyScope) && bodyScope != scope)
                    problems.Add($"The document says scope '{bodyScope}' but is saved as '{scope}'; make them agree.");
                if (doc["table"] is JsonValue t && t.TryGetValue<string>(out var table) && table != kind)
                    problems.Add($"The document is a '{table}' table but is saved as '{kind}' rules.");
            }
        }
        catch (JsonException ex) { problems.Add($"The rules are not valid JSON: {ex.Message}"); }
        if (problems.Count == 0 || problems.All(p => !p.StartsWith("The rules", StringComparison.Ordinal)))
        {
            try { RuleBook.Validate(kind, json); }
            catch (InvalidDataException ex) { problems.Add(ex.Message); }
        }
        if (problems.Count > 0) throw new CaseValidationException(new Dictionary<string, string[]> { ["rules"] = [.. problems] });
        return await store.SaveAsync(kind, scope, json, actor.UserName, expectedVersion, ct);
    }
}
