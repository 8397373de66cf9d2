using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Workflows;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Components.Pages.Workflows;

public partial class Workflows
{
    [CascadingParameter] private Actor Actor { get; set; } = Actor.Anonymous;
    private IReadOnlyList<DefinitionSummaryRow> _rows = [];
    private List<string> _importProblems = [];
    private string? _search, _newId, _newName, _copyOf;
    private bool _mayEdit;

    protected override async Task OnInitializedAsync()
    {
        _mayEdit = Definitions.MayEdit(Actor);
        await LoadAsync();
    }

    private async Task LoadAsync() => _rows = await Definitions.SummariesAsync(Actor, _search);

    private async Task OnSearch(string? text)
    {
        _search = text;
        await LoadAsync();
    }

    private async Task CreateAsync()
    {
        try
        {
            var record = await Definitions.CreateAsync(Actor, _newId ?? "", _newName ?? "", _copyOf);
            Nav.NavigateTo($"/workflows/{record.DefinitionId}/design");
        }
        catch (InvalidInputException ex)
        {
            Snackbar.Add(ex.Text(), Severity.Error);
        }
        catch (DefinitionConflictException ex)
        {
            Snackbar.Add(ex.Text(), Severity.Error);
        }
    }

    private async Task ImportAsync(IBrowserFile? file)
    {
        _importProblems = [];
        if (file is null) return;
        if (file.Size > 1_000_000) { _importProblems = [string.Format(L["FileTooLarge"], file.Size)]; return; }
        using var reader = new StreamReader(file.OpenReadStream(1_000_000));
        var json = await reader.ReadToEndAsync();
        try
        {
            var record = await Definitions.SaveAsync(Actor, json, publish: false, source: $"import:{file.Name}");
            Snackbar.Add(string.Format(L["SavedAsDraft"], record.Version), Severity.Success);
            await LoadAsync();
        }
        catch (XinchuangFlow.Engine.Validation.DefinitionInvalidException ex)
        {
            _importProblems = ex.Findings.Select(p => p.Text()).ToList();
        }
        catch (XinchuangFlow.Engine.Definitions.DefinitionFormatException ex)
        {
            _importProblems = [ex.Text()];
        }
    }

    /// <summary>Retiring cannot be undone (only a new version replaces it): it asks first, saying how many instances run on.</summary>
    private async Task RetireAsync(DefinitionSummaryRow row, int version)
    {
        var running = row.Versions.Where(v => v.Version == version).Sum(v => v.ActiveInstances);
        var name = row.Name is { Length: > 0 } n ? n : row.DefinitionId;
        var ok = await Dialogs.ShowMessageBoxAsync(L["Workflows.RetireTitle"], string.Format(L["Workflows.ConfirmRetire"], name, version, running),
            yesText: string.Format(L["Workflows.RetireVersion"], version), cancelText: L["No"]);
        if (ok != true) return;
        try
        {
            await Definitions.RetireAsync(Actor, row.DefinitionId, version);
            await LoadAsync();
        }
        catch (XfException ex)
        {
            Snackbar.Add(ex.Text(), Severity.Error);
        }
    }
}
