using System.Text.Json.Nodes;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Definitions;

namespace XinchuangFlow.Application.Designer;

/// <summary>
/// The definition being edited in the designer: a working copy of the JSON model with an undo/redo history of every
/// edit. UI-free, so the canvas, the property panel and the tests drive the same operations. Each edit takes a
/// snapshot first (a definition is a few dozen kilobytes), so undo restores exactly what was there — ids,
/// positions, inputs and expressions included.
/// </summary>
public sealed class DesignerDocument
{
    private readonly ActivityRegistry _registry;
    private readonly List<string> _undo = [];
    private readonly List<string> _redo = [];
    private string _saved;

    /// <summary>How many edits undo can go back.</summary>
    public const int MaxHistory = 200;

    public DesignerDocument(WorkflowDefinitionModel model, ActivityRegistry registry, int? baseVersion = null, string? baseHash = null)
    {
        _registry = registry;
        Model = Clone(model);
        BaseVersion = baseVersion;
        BaseHash = baseHash;
        _saved = DefinitionJson.Serialize(Model);
    }

    public WorkflowDefinitionModel Model { get; private set; }

    /// <summary>The stored version the edit started from (its draft or published version), for conflict detection on save.</summary>
    public int? BaseVersion { get; private set; }

    /// <summary>The content hash of that stored version.</summary>
    public string? BaseHash { get; private set; }

    public bool CanUndo => _undo.Count > 0;
    public bool CanRedo => _redo.Count > 0;

    /// <summary>True when the model differs from what was last loaded or saved.</summary>
    public bool IsDirty => DefinitionJson.Serialize(Model) != _saved;

    /// <summary>Raised after every change (edit, undo, redo), so views redraw.</summary>
    public event Action? Changed;

    /// <summary>Records that the current model is stored as <paramref name="version"/> with <paramref name="hash"/>.</summary>
    public void MarkSaved(int version, string hash)
    {
        BaseVersion = version;
        BaseHash = hash;
        _saved = DefinitionJson.Serialize(Model);
        Changed?.Invoke();
    }

    // ---------------------------------------------------------------- edits

    /// <summary>Adds an activity of a registered type at a position; its id is derived from the type and unique.</summary>
    public ActivityModel AddActivity(string type, double x, double y, string? displayName = null)
    {
        var descriptor = _registry.FindDescriptor(type) ?? throw new ArgumentException($"Unknown activity type '{type}'.", nameof(type));
        ActivityModel? added = null;
        Edit(m =>
        {
            added = new ActivityModel { Id = NewId(m, type), Type = type, DisplayName = displayName ?? descriptor.DisplayNameZh, Position = new DesignerPosition(x, y) };
            foreach (var input in descriptor.Inputs.Where(i => i.Required && i.Default is not null))
                added.Inputs[input.Name] = input.Default!.DeepClone();
            m.Activities.Add(added);
        });
        return added!;
    }

    /// <summary>Removes activities and every connection that touches them.</summary>
    public void RemoveActivities(IReadOnlyCollection<string> ids) => Edit(m =>
    {
        m.Activities.RemoveAll(a => ids.Contains(a.Id));
        m.Connections.RemoveAll(c => ids.Contains(c.Source.Activity) || ids.Contains(c.Target.Activity));
    });

    public void Move(string id, double x, double y) => Edit(m => Find(m, id).Position = new DesignerPosition(Math.Round(x), Math.Round(y)));

    /// <summary>Moves several activities by the same offset in one edit (one undo step).</summary>
    public void MoveMany(IReadOnlyDictionary<string, (double X, double Y)> positions) => Edit(m =>
    {
        foreach (var (id, (x, y)) in positions) Find(m, id).Position = new DesignerPosition(Math.Round(x), Math.Round(y));
    });

    /// <summary>Connects an outcome port of <paramref name="from"/> to <paramref name="to"/>; a repeated connection is ignored.</summary>
    public void Connect(string from, string port, string to) => Edit(m =>
    {
        Find(m, from);
        Find(m, to);
        if (m.Connections.Any(c => c.Source.Activity == from && (c.Source.Port ?? "done") == port && c.Target.Activity == to)) return;
        m.Connections.Add(new ConnectionModel { Source = new Endpoint { Activity = from, Port = port }, Target = new Endpoint { Activity = to } });
    });

    public void Disconnect(string from, string port, string to) => Edit(m =>
        m.Connections.RemoveAll(c => c.Source.Activity == from && (c.Source.Port ?? "done") == port && c.Target.Activity == to));

    /// <summary>Sets an input to a literal or an expression (<c>{"expr": …}</c>); null removes it.</summary>
    public void SetInput(string id, string input, JsonNode? value) => Edit(m =>
    {
        var a = Find(m, id);
        if (value is null) a.Inputs.Remove(input);
        else a.Inputs[input] = value.DeepClone();
        // Ports follow the outcomes: connections from ports that no longer exist are removed with the edit.
        var ports = PortsOf(a);
        m.Connections.RemoveAll(c => c.Source.Activity == id && !ports.Contains(c.Source.Port ?? "done"));
    });

    public void SetDisplayName(string id, string? name) => Edit(m => Find(m, id).DisplayName = string.IsNullOrWhiteSpace(name) ? null : name);

    public void SetDisplayNameEn(string id, string? name) => Edit(m => Find(m, id).DisplayNameEn = string.IsNullOrWhiteSpace(name) ? null : name);

    public void SetVariables(IEnumerable<VariableDefinition> variables) => Edit(m =>
        m.Variables = variables.Select(v => new VariableDefinition { Name = v.Name, Label = v.Label, LabelEn = v.LabelEn, Type = v.Type, Default = v.Default?.DeepClone() }).ToList());

    public void SetHeader(string name, string? description) => Edit(m => { m.Name = name; m.Description = description; });

    /// <summary>
    /// A copy of the given activities and the connections among them, as JSON for the clipboard.
    /// </summary>
    public string Copy(IReadOnlyCollection<string> ids)
    {
        var fragment = new WorkflowDefinitionModel
        {
            DefinitionId = "clipboard", Name = "clipboard",
            Activities = Model.Activities.Where(a => ids.Contains(a.Id)).ToList(),
            Connections = Model.Connections.Where(c => ids.Contains(c.Source.Activity) && ids.Contains(c.Target.Activity)).ToList(),
        };
        return DefinitionJson.Serialize(fragment);
    }

    /// <summary>Pastes a copied fragment shifted by an offset, with fresh ids; returns the new ids.</summary>
    public IReadOnlyList<string> Paste(string fragmentJson, double dx = 40, double dy = 40)
    {
        var fragment = DefinitionJson.Parse(fragmentJson);
        var added = new List<string>();
        Edit(m =>
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var a in fragment.Activities)
            {
                if (_registry.FindDescriptor(a.Type)?.IsStart == true) continue;   // one Start per definition
                var copy = Clone(a);
                copy.Id = NewId(m, a.Type);
                copy.Position = a.Position is { } p ? new DesignerPosition(p.X + dx, p.Y + dy) : null;
                map[a.Id] = copy.Id;
                m.Activities.Add(copy);
                added.Add(copy.Id);
            }
            foreach (var c in fragment.Connections.Where(c => map.ContainsKey(c.Source.Activity) && map.ContainsKey(c.Target.Activity)))
                m.Connections.Add(new ConnectionModel
                {
                    Source = new Endpoint { Activity = map[c.Source.Activity], Port = c.Source.Port },
                    Target = new Endpoint { Activity = map[c.Target.Activity] },
                });
        });
        return added;
    }

    /// <summary>
    /// Lays out every activity (or only those without a position) in columns by distance from the Start;
    /// <paramref name="heightOf"/> is how tall the canvas draws each, so taller ones get more room.
    /// </summary>
    public void AutoLayout(bool onlyMissing = false, Func<ActivityModel, double>? heightOf = null) => Edit(m => Layout.Apply(m, _registry, onlyMissing, heightOf));

    public void Undo() => Step(_undo, _redo);
    public void Redo() => Step(_redo, _undo);

    /// <summary>The ports of an activity: its outcome keys, then its optional ports.</summary>
    public IReadOnlyList<string> PortsOf(ActivityModel activity)
    {
        var impl = _registry.Find(activity.Type);
        return impl is null ? [] : [.. impl.GetOutcomes(activity), .. impl.GetOptionalOutcomes(activity)];
    }

    /// <summary>The required ports (outcomes) of an activity, which validation wants connected.</summary>
    public IReadOnlyList<string> OutcomesOf(ActivityModel activity) => _registry.Find(activity.Type)?.GetOutcomes(activity) ?? [];

    private void Edit(Action<WorkflowDefinitionModel> change)
    {
        var before = DefinitionJson.Serialize(Model);
        change(Model);
        if (DefinitionJson.Serialize(Model) == before) return;   // nothing changed: no undo step
        _undo.Add(before);
        if (_undo.Count > MaxHistory) _undo.RemoveAt(0);
        _redo.Clear();
        Changed?.Invoke();
    }

    private void Step(List<string> from, List<string> to)
    {
        if (from.Count == 0) return;
        to.Add(DefinitionJson.Serialize(Model));
        Model = DefinitionJson.Parse(from[^1]);
        from.RemoveAt(from.Count - 1);
        Changed?.Invoke();
    }

    private static ActivityModel Find(WorkflowDefinitionModel m, string id) =>
        m.FindActivity(id) ?? throw new ArgumentException($"There is no activity '{id}'.", nameof(id));

    private static string NewId(WorkflowDefinitionModel m, string type)
    {
        var stem = type[(type.LastIndexOf('.') + 1)..];
        stem = char.ToLowerInvariant(stem[0]) + stem[1..];
        for (var n = 1; ; n++)
        {
            var id = $"{stem}{n}";
            if (m.FindActivity(id) is null) return id;
        }
    }

    private static WorkflowDefinitionModel Clone(WorkflowDefinitionModel m) => DefinitionJson.Parse(DefinitionJson.Serialize(m));
    private static ActivityModel Clone(ActivityModel a) => new()
    {
        Id = a.Id, Type = a.Type, DisplayName = a.DisplayName, Position = a.Position,
        Inputs = a.Inputs.ToDictionary(kv => kv.Key, kv => kv.Value?.DeepClone(), StringComparer.Ordinal),
    };
}
