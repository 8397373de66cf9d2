using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using XinchuangFlow.Application.Access;
using System.Text.Json.Nodes;
using Blazor.Diagrams;
using XinchuangFlow.Application.Designer;
using XinchuangFlow.Application.Workflows;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Engine.Validation;
using XinchuangFlow.Web.Components.Designer;
using XinchuangFlow.Web.Security;
using Microsoft.JSInterop;

namespace XinchuangFlow.Web.Components.Pages.Workflows;

public partial class Designer
{
    [Parameter] public string DefinitionId { get; set; } = "";
    [SupplyParameterFromQuery] public int? Version { get; set; }
    [CascadingParameter] private Actor Actor { get; set; } = Actor.Anonymous;

    private DesignerDocument? _doc;
    private BlazorDiagram? _diagram;
    private DiagramBuilder _builder = null!;
    private IReadOnlyList<ValidationProblem> _problems = [];
    private IReadOnlyList<string> _definitionIds = [];
    private bool _mayEdit, _drawing, _busy;
    private string? _selected, _dragType, _clipboard, _error, _conflict, _comment, _search;
    private int _tab;
    private readonly Dictionary<string, (double X, double Y)> _moves = new();
    private IDisposable? _navigationGuard;

    protected override async Task OnInitializedAsync()
    {
        _builder = new DiagramBuilder(Registry);
        // The canvas needs the live circuit; prerendering it would only do the work twice.
        if (!RendererInfo.IsInteractive) return;
        _mayEdit = Definitions.MayEdit(Actor);
        await LoadAsync();
        _navigationGuard = Nav.RegisterLocationChangingHandler(async context =>
        {
            if (_doc?.IsDirty != true) return;
            var leave = await Dialogs.ShowMessageBoxAsync(L["UnsavedTitle"], L["UnsavedLeave"], yesText: L["Leave"], cancelText: L["Stay"]);
            if (leave != true) context.PreventNavigation();
        });
    }

    private async Task LoadAsync()
    {
        try
        {
            _doc = await Definitions.OpenAsync(Actor, DefinitionId, Version);
            _definitionIds = (await Definitions.ListAsync(Actor)).Select(r => r.DefinitionId).Distinct().Order().ToList();
        }
        catch (XfException ex)
        {
            // An unknown flow is said as the other pages say it, not in the engine's English.
            _error = ex.Kind != ProblemKind.NotFound ? ex.Text()
                : Version is { } v && (await Definitions.ListAsync(Actor, DefinitionId)).Count > 0 ? string.Format(L["Definition.VersionNotFound"], DefinitionId, v)
                : string.Format(L["Definition.NotFound"], DefinitionId);
            return;
        }
        _conflict = null;
        _diagram ??= NewDiagram();
        _doc.Changed += OnDocumentChanged;
        Redraw();
    }

    private BlazorDiagram NewDiagram()
    {
        var diagram = DiagramBuilder.NewDiagram(readOnly: !_mayEdit);
        diagram.Nodes.Removed += node =>
        {
            if (!_drawing && node is ActivityNode a) Later(() => _doc!.RemoveActivities([a.ActivityId]));
        };
        diagram.Links.Removed += link =>
        {
            if (!_drawing && DiagramBuilder.ConnectionOf(link) is { } c) Later(() => _doc!.Disconnect(c.From, c.Port, c.To));
        };
        diagram.Links.Added += link =>
        {
            if (!_drawing) link.TargetAttached += OnLinkAttached;
        };
        diagram.Nodes.Added += node => node.Moved += OnMoved;
        diagram.SelectionChanged += (Blazor.Diagrams.Core.Models.Base.SelectableModel changed) =>
        {
            var selected = diagram.GetSelectedModels().OfType<ActivityNode>().Select(n => n.ActivityId).ToList();
            _selected = selected.Count == 1 ? selected[0] : null;
            if (_selected is not null) _tab = 0;
            _ = InvokeAsync(StateHasChanged);
        };
        diagram.KeyDown += e =>
        {
            if (!_mayEdit || !e.CtrlKey) return;
            switch (e.Key.ToLowerInvariant())
            {
                case "z": Later(e.ShiftKey ? _doc!.Redo : _doc!.Undo); break;
                case "y": Later(_doc!.Redo); break;
                case "c": Later(Copy); break;
                case "v": Later(Paste); break;
            }
        };
        return diagram;
    }

    private void OnLinkAttached(Blazor.Diagrams.Core.Models.Base.BaseLinkModel link)
    {
        var connection = DiagramBuilder.ConnectionOf(link);
        Later(() =>
        {
            if (connection is { } c) _doc!.Connect(c.From, c.Port, c.To);
            else Redraw();   // a link from an input port, or to nowhere: take it away
        });
    }

    /// <summary>Runs an edit after the diagram's own event has finished (the redraw replaces the diagram's models).</summary>
    private void Later(Action action) => _ = InvokeAsync(async () =>
    {
        await Task.Yield();
        action();
        StateHasChanged();
    });

    private void OnDocumentChanged()
    {
        Redraw();
        _ = JS.InvokeVoidAsync("xfDesigner.setDirty", _doc!.IsDirty).AsTask();
        _ = InvokeAsync(StateHasChanged);
    }

    private void Redraw()
    {
        _problems = Definitions.Validate(_doc!.Model);
        _drawing = true;
        try
        {
            _builder.Draw(_diagram!, _doc.Model, _problems, SharedResource.IsEnglish, readOnly: !_mayEdit);
            foreach (var node in _diagram!.Nodes.OfType<ActivityNode>())
                if (node.ActivityId == _selected && !node.Selected) _diagram.SelectModel(node, false);
        }
        finally { _drawing = false; }
        if (_selected is not null && _doc.Model.FindActivity(_selected) is null) _selected = null;
    }

    private void OnMoved(Blazor.Diagrams.Core.Models.Base.MovableModel model)
    {
        if (_drawing || model is not ActivityNode node) return;
        var first = _moves.Count == 0;
        _moves[node.ActivityId] = (node.Position.X, node.Position.Y);
        if (first) Later(() =>
        {
            var moves = new Dictionary<string, (double, double)>(_moves);
            _moves.Clear();
            _doc!.MoveMany(moves);
        });
    }

    private bool Matches(ActivityDescriptor d) => string.IsNullOrWhiteSpace(_search)
        || d.DisplayNameZh.Contains(_search, StringComparison.OrdinalIgnoreCase) || d.DisplayNameEn.Contains(_search, StringComparison.OrdinalIgnoreCase)
        || d.Type.Contains(_search, StringComparison.OrdinalIgnoreCase) || d.Category.Contains(_search, StringComparison.OrdinalIgnoreCase);

    private void OnDrop(DragEventArgs e)
    {
        if (!_mayEdit || _dragType is null) return;
        var p = _diagram!.GetRelativeMousePoint(e.ClientX, e.ClientY);
        var added = _doc!.AddActivity(_dragType, p.X - ActivityNode.Width / 2, p.Y - 20);
        _dragType = null;
        Select(added.Id);
    }

    private void AddAtCenter(string type)
    {
        // The middle of the canvas as the page sees it (the canvas's own offset, pan and zoom taken off), the new activity centred on it.
        var c = _diagram!.Container;
        var p = c is null ? new Blazor.Diagrams.Core.Geometry.Point(200, 200) : _diagram.GetRelativeMousePoint(c.Left + c.Width / 2, c.Top + c.Height / 2);
        var added = _doc!.AddActivity(type, p.X - ActivityNode.Width / 2, p.Y - 40);
        Select(added.Id);
    }

    /// <summary>The heading of an activity's problems: its name, type and id as its node shows them; the flow's own problems under "the flow".</summary>
    private (string Name, string? Detail) ProblemHeading(string? activityId) =>
        activityId is null ? (L["Designer.WholeFlow"], null)
        : _diagram!.Nodes.OfType<ActivityNode>().FirstOrDefault(n => n.ActivityId == activityId) is { } node ? (node.Label, $"{node.TypeName} · {node.ActivityId}")
        : (activityId, null);

    /// <summary>Selects an activity and brings it to the middle of the canvas at a readable zoom.</summary>
    private void Locate(string? activityId)
    {
        if (activityId is null) return;
        Select(activityId);
        if (_diagram!.Container is { Width: > 0 } box && _diagram.Nodes.OfType<ActivityNode>().FirstOrDefault(n => n.ActivityId == activityId) is { } node)
        {
            var zoom = Math.Max(_diagram.Zoom, 0.8);
            _diagram.SetZoom(zoom);
            _diagram.SetPan(box.Width / 2 - (node.Position.X + ActivityNode.Width / 2) * zoom, box.Height / 2 - (node.Position.Y + 40) * zoom);
        }
    }

    private void Select(string? activityId)
    {
        if (activityId is null) return;
        _selected = activityId;
        _tab = 0;
        _diagram!.UnselectAll();
        if (_diagram.Nodes.OfType<ActivityNode>().FirstOrDefault(n => n.ActivityId == activityId) is { } node) _diagram.SelectModel(node, true);
    }

    private IReadOnlyList<string> SelectedIds() => _diagram!.GetSelectedModels().OfType<ActivityNode>().Select(n => n.ActivityId).ToList();

    private void Copy()
    {
        var ids = SelectedIds();
        if (ids.Count > 0) _clipboard = _doc!.Copy(ids);
    }

    private void Paste()
    {
        if (_clipboard is null) return;
        var added = _doc!.Paste(_clipboard);
        if (added.Count == 1) Select(added[0]);
    }

    private void DeleteSelection()
    {
        var ids = SelectedIds();
        if (ids.Count > 0) _doc!.RemoveActivities(ids);
        else foreach (var link in _diagram!.GetSelectedModels().OfType<Blazor.Diagrams.Core.Models.Base.BaseLinkModel>().ToList())
            if (DiagramBuilder.ConnectionOf(link) is { } c) _doc!.Disconnect(c.From, c.Port, c.To);
    }

    private void AddVariable()
    {
        var name = "var" + (_doc!.Model.Variables.Count + 1);
        _doc.SetVariables([.. _doc.Model.Variables, new VariableDefinition { Name = name, Type = "string" }]);
        _tab = 1;
    }

    private void EditVariable(int index, string? name, string? type, string? defaultJson = null, string? label = null, string? labelEn = null)
    {
        var list = _doc!.Model.Variables.Select(v => new VariableDefinition { Name = v.Name, Label = v.Label, LabelEn = v.LabelEn, Type = v.Type, Default = v.Default?.DeepClone() }).ToList();
        if (name is not null) list[index].Name = name;
        if (label is not null) list[index].Label = label.Trim().Length == 0 ? null : label.Trim();
        if (labelEn is not null) list[index].LabelEn = labelEn.Trim().Length == 0 ? null : labelEn.Trim();
        if (type is not null) list[index].Type = type;
        if (defaultJson is not null)
        {
            // A default is JSON (5, "文本", true, {…}); plain words are taken as text.
            try { list[index].Default = defaultJson.Trim().Length == 0 ? null : JsonNode.Parse(defaultJson); }
            catch (System.Text.Json.JsonException) { list[index].Default = JsonValue.Create(defaultJson); }
        }
        _doc.SetVariables(list);
    }

    private async Task Export() =>
        await JS.InvokeVoidAsync("xfDesigner.download", $"{DefinitionId}.json", DefinitionJson.Serialize(_doc!.Model));

    private async Task<bool> SaveAsync()
    {
        _busy = true;
        try
        {
            var record = await Definitions.SaveDraftAsync(Actor, _doc!.Model, _doc.BaseVersion, _doc.BaseHash, _comment);
            _doc.MarkSaved(record.Version, record.ContentHash);
            _comment = null;
            Snackbar.Add(string.Format(L["SavedAsDraft"], record.Version), Severity.Success);
            return true;
        }
        catch (DefinitionConflictException ex)
        {
            _conflict = ex.Text();
            return false;
        }
        catch (XfException ex)
        {
            Snackbar.Add(L["ActionFailed"] + ex.Text(), Severity.Error);
            return false;
        }
        finally { _busy = false; }
    }

    private async Task PublishAsync()
    {
        if (_problems.Count > 0) return;
        // Publishing changes what every new instance runs: it asks first, with an optional change note for the history.
        var dialog = await Dialogs.ShowAsync<XinchuangFlow.Web.Components.Designer.PublishDialog>(L["Publish"],
            new DialogParameters<XinchuangFlow.Web.Components.Designer.PublishDialog> { { d => d.Name, _doc!.Model.Name }, { d => d.Note, _comment } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is not { Canceled: false } answer) return;
        var note = answer.Data as string;
        var latest = (await Definitions.ListAsync(Actor, DefinitionId)).MaxBy(r => r.Version);
        if ((_doc!.IsDirty || latest?.Status != Engine.Abstractions.DefinitionStatus.Draft) && !await SaveAsync()) return;
        _busy = true;
        try
        {
            var record = await Definitions.PublishAsync(Actor, DefinitionId, note);
            _doc.MarkSaved(record.Version, record.ContentHash);
            Snackbar.Add(string.Format(L["PublishedVersion"], record.Version), Severity.Success);
        }
        catch (XfException ex)
        {
            Snackbar.Add(L["ActionFailed"] + ex.Text(), Severity.Error);
        }
        finally { _busy = false; }
    }

    private async Task ReloadAsync()
    {
        if (_doc is not null) _doc.Changed -= OnDocumentChanged;
        _doc = null;
        Version = null;
        await LoadAsync();
    }

    public void Dispose()
    {
        _navigationGuard?.Dispose();
        if (_doc is not null) _doc.Changed -= OnDocumentChanged;
        _ = JS.InvokeVoidAsync("xfDesigner.setDirty", false).AsTask().ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
