using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Audit;
using XinchuangFlow.Application.Designer;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Engine.Validation;

namespace XinchuangFlow.Application.Workflows;

/// <summary>
/// Definitions as the designer and the API manage them (ENG-1/2/3, FLOW-4, SEC-3): the Data Bureau's administrators
/// edit, publish, retire, import, duplicate and roll back; the Intranet Office supervisor reads everything; nobody
/// else sees definitions. Every change is written to the audit log with who, when, the comment and before/after.
/// </summary>
public sealed class DefinitionAppService(DefinitionService definitions, IDefinitionStore store, DefinitionValidator validator, ActivityRegistry registry,
    IAuditLog audit, IWorkflowStatistics statistics, AccessService access, TimeProvider clock)
{
    public const string AuditKind = "definition";

    /// <summary>Parses and saves a JSON document as the draft of the next version (validated); publishes it too when asked.</summary>
    public async Task<DefinitionRecord> SaveAsync(Actor actor, string json, bool publish, string source, CancellationToken ct = default)
    {
        RequireEditor(actor, "save definitions");
        var model = DefinitionJson.Parse(json);
        var before = await store.FindLatestAsync(model.DefinitionId, ct);
        var record = await definitions.SaveDraftAsync(model, actor.UserName, source, ct);
        await RecordAsync(actor, record, "save-draft", $"imported through {source}", before?.Json, ct);
        return publish ? await PublishAsync(actor, record.DefinitionId, null, ct) : record;
    }

    /// <summary>The API's draft save: the document as JSON, saved as the draft of <paramref name="definitionId"/> (which it must name).</summary>
    public async Task<DefinitionRecord> SaveDraftAsync(Actor actor, string definitionId, string json, int? baseVersion, string? baseHash, string? comment, CancellationToken ct = default)
    {
        RequireEditor(actor, "save definitions");
        var model = Engine.Definitions.DefinitionJson.Parse(json);
        if (model.DefinitionId != definitionId) throw new InvalidInputException(Problem.Of(DefinitionProblems.IdMismatch, "definition", $"The document is '{model.DefinitionId}' but is saved as '{definitionId}'.",
                ("document", model.DefinitionId), ("id", definitionId)));
        return await SaveDraftAsync(actor, model, baseVersion, baseHash, comment, ct);
    }

    /// <summary>
    /// Saves the designer's work as a draft — problems allowed, publishing refuses them — unless someone saved or
    /// published since it was opened (<see cref="DefinitionConflictException"/>, nothing overwritten).
    /// </summary>
    public async Task<DefinitionRecord> SaveDraftAsync(Actor actor, WorkflowDefinitionModel model, int? baseVersion, string? baseHash, string? comment, CancellationToken ct = default)
    {
        RequireEditor(actor, "save definitions");
        var before = await store.FindLatestAsync(model.DefinitionId, ct);
        var expected = baseVersion is { } v && baseHash is { } h ? (v, h) : ((int, string)?)null;
        if (expected is null && before is not null)
            throw new DefinitionConflictException(model.DefinitionId, before);   // a "new" definition whose id is taken
        var record = await definitions.SaveDraftAsync(model, actor.UserName, "designer", new DraftSaveOptions(Validate: false, ExpectedLatest: expected), ct);
        await RecordAsync(actor, record, "save-draft", comment, before?.Json, ct);
        return record;
    }

    public async Task<DefinitionRecord> PublishAsync(Actor actor, string definitionId, string? comment, CancellationToken ct = default)
    {
        RequireEditor(actor, "publish definitions");
        var previous = (await store.ListDefinitionVersionsAsync(definitionId, ct)).FirstOrDefault(r => r.Status == DefinitionStatus.Published);
        var record = await definitions.PublishAsync(definitionId, ct);
        await RecordAsync(actor, record, "publish", comment, previous?.Json, ct);
        return record;
    }

    public async Task<DefinitionRecord> RetireAsync(Actor actor, string definitionId, int version, string? comment = null, CancellationToken ct = default)
    {
        RequireEditor(actor, "retire definitions");
        var record = await definitions.RetireAsync(definitionId, version, ct);
        await RecordAsync(actor, record, "retire", comment, null, ct);
        return record;
    }

    /// <summary>Roll back: a new draft with the content of an old version (the history keeps both).</summary>
    public async Task<DefinitionRecord> RollBackAsync(Actor actor, string definitionId, int toVersion, string? comment, CancellationToken ct = default)
    {
        RequireEditor(actor, "roll back definitions");
        var old = await GetAsync(actor, definitionId, toVersion, ct);
        var latest = (await store.FindLatestAsync(definitionId, ct))!;
        var record = await definitions.SaveDraftAsync(DefinitionJson.Parse(old.Json), actor.UserName, "designer",
            new DraftSaveOptions(Validate: false, ExpectedLatest: (latest.Version, latest.ContentHash)), ct);
        await RecordAsync(actor, record, "roll-back", comment ?? $"back to version {toVersion}", latest.Json, ct);
        return record;
    }

    /// <summary>A new definition: empty (Start → End), or a copy of another one's latest version under a new id.</summary>
    public async Task<DefinitionRecord> CreateAsync(Actor actor, string definitionId, string name, string? copyOf, CancellationToken ct = default)
    {
        RequireEditor(actor, "create definitions");
        var errors = new ProblemList();
        if (!System.Text.RegularExpressions.Regex.IsMatch(definitionId ?? "", "^[a-z][a-z0-9-]{1,63}$"))
            errors.Add(Problem.Of(DefinitionProblems.IdFormat, "definitionId", "Use 2–64 lower-case letters, digits and dashes, starting with a letter."));
        if (!Domain.Tickets.TextRules.HasVisibleText(name ?? "")) errors.Add(Problem.Of(DefinitionProblems.NameMissing, "name", "The definition needs a name."));
        errors.ThrowIfAny();
        if (await store.FindLatestAsync(definitionId!, ct) is { } taken) throw new DefinitionConflictException(definitionId!, taken);
        WorkflowDefinitionModel model;
        if (copyOf is { Length: > 0 })
        {
            model = DefinitionJson.Parse((await GetAsync(actor, copyOf, null, ct)).Json);
            model.StartPermission = null;   // a copy of a case flow is a generic flow until its author says otherwise
        }
        else
            model = new WorkflowDefinitionModel
            {
                Activities =
                [
                    new ActivityModel { Id = "start", Type = "xf.Start", Position = new DesignerPosition(40, 120) },
                    new ActivityModel { Id = "end", Type = "xf.End", Position = new DesignerPosition(320, 120) },
                ],
                Connections = [new ConnectionModel { Source = new Endpoint { Activity = "start", Port = "done" }, Target = new Endpoint { Activity = "end" } }],
            };
        model.DefinitionId = definitionId!;
        model.Name = name!;
        var record = await definitions.SaveDraftAsync(model, actor.UserName, "designer", new DraftSaveOptions(Validate: false), ct);
        await RecordAsync(actor, record, "create", copyOf is null ? "created empty" : $"copy of {copyOf}", null, ct);
        return record;
    }

    /// <summary>Opens a version (latest by default) for editing.</summary>
    public async Task<DesignerDocument> OpenAsync(Actor actor, string definitionId, int? version = null, CancellationToken ct = default)
    {
        var record = await GetAsync(actor, definitionId, version, ct);
        var latest = (await store.FindLatestAsync(definitionId, ct))!;
        var doc = new DesignerDocument(DefinitionJson.Parse(record.Json), registry, latest.Version, latest.ContentHash);
        if (doc.Model.Activities.Any(a => a.Position is null)) doc.AutoLayout(onlyMissing: true);
        return doc;
    }

    /// <summary>Every problem of a model as the validator reports it (what the canvas marks).</summary>
    public IReadOnlyList<ValidationProblem> Validate(WorkflowDefinitionModel model) => validator.Validate(model);

    public async Task<IReadOnlyList<DiffLine>> DiffAsync(Actor actor, string definitionId, int from, int to, CancellationToken ct = default)
    {
        var a = await GetAsync(actor, definitionId, from, ct);
        var b = await GetAsync(actor, definitionId, to, ct);
        return DefinitionDiff.Compare(DefinitionJson.Parse(a.Json), DefinitionJson.Parse(b.Json));
    }

    public Task<IReadOnlyList<DefinitionRecord>> ListAsync(Actor actor, string? definitionId = null, CancellationToken ct = default)
    {
        RequireReader(actor, "list definitions");
        return store.ListDefinitionVersionsAsync(definitionId, ct);
    }

    /// <summary>One row per definition, filtered by a search on id or name.</summary>
    public async Task<IReadOnlyList<DefinitionSummaryRow>> SummariesAsync(Actor actor, string? search = null, CancellationToken ct = default)
    {
        RequireReader(actor, "list definitions");
        var versions = await store.ListDefinitionVersionsAsync(null, ct);
        var active = await statistics.ActiveInstancesAsync(null, ct);
        var edits = await audit.LatestAsync(AuditKind, ct);
        return versions.GroupBy(v => v.DefinitionId)
            .Select(g =>
            {
                var latest = g.MaxBy(v => v.Version)!;
                var edit = edits.GetValueOrDefault(g.Key);
                return new DefinitionSummaryRow(g.Key, latest.Name, latest.Version, latest.Status,
                    g.Where(v => v.Status == DefinitionStatus.Published).Select(v => (int?)v.Version).Max(),
                    g.OrderByDescending(v => v.Version).Select(v => (v.Version, v.Status, active.GetValueOrDefault((g.Key, v.Version)))).ToList(),
                    edit?.User ?? latest.CreatedBy, edit?.At ?? latest.PublishedAt ?? latest.CreatedAt);
            })
            .Where(r => string.IsNullOrWhiteSpace(search) || r.DefinitionId.Contains(search, StringComparison.OrdinalIgnoreCase) || r.Name.Contains(search, StringComparison.OrdinalIgnoreCase))
            .OrderBy(r => r.DefinitionId, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(Actor actor, string definitionId, CancellationToken ct = default)
    {
        RequireReader(actor, "read the history of definitions");
        return await audit.ListAsync(AuditKind, definitionId, 200, ct);
    }

    public async Task<DefinitionRecord> GetAsync(Actor actor, string definitionId, int? version, CancellationToken ct = default)
    {
        RequireReader(actor, "read definitions");
        var record = version is { } v ? await store.FindDefinitionAsync(definitionId, v, ct) : await store.FindLatestAsync(definitionId, ct);
        return record ?? throw new NotFoundException(version is null
            ? Problem.Of(EngineProblems.DefinitionNotFound, null, $"Workflow definition '{definitionId}' does not exist.", ("definition", definitionId))
            : Problem.Of(EngineProblems.VersionNotFound, null, $"Workflow definition '{definitionId}' version {version} does not exist.", ("definition", definitionId), ("version", version)));
    }

    /// <summary>The heat map of one version over instances started in a period (BEY-2).</summary>
    public async Task<(IReadOnlyList<ActivityHeat> Activities, IReadOnlyList<ConnectionHeat> Connections, int Instances)> HeatAsync(
        Actor actor, string definitionId, int version, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        RequireReader(actor, "read the heat map");
        if (to <= from) throw new InvalidInputException(Problem.Of(RequestProblems.PeriodOrder, "to", "The period must end after it starts."));
        return await statistics.HeatAsync(definitionId, version, from, to, ct);
    }

    /// <summary>True when the actor may change definitions (the UI shows the editing tools only then).</summary>
    public bool MayEdit(Actor actor) => access.MayEditDefinitions(actor);

    private Task RecordAsync(Actor actor, DefinitionRecord record, string action, string? comment, string? before, CancellationToken ct) =>
        audit.RecordAsync(new AuditEntry
        {
            Id = Guid.CreateVersion7(), At = clock.GetUtcNow(), User = actor.UserName, EntityKind = AuditKind, EntityId = record.DefinitionId,
            Action = action, Comment = comment, Version = record.Version, Before = before, After = record.Json,
        }, ct);

    private void RequireEditor(Actor actor, string action)
    {
        if (!access.MayEditDefinitions(actor)) throw access.Denied(actor, action, "Only the Data Bureau's administrators change workflow definitions.");
    }

    private void RequireReader(Actor actor, string action)
    {
        if (!access.MayReadDefinitions(actor)) throw access.Denied(actor, action, "Workflow definitions are for the Data Bureau's administrators and the Intranet Office's supervisors.");
    }
}
