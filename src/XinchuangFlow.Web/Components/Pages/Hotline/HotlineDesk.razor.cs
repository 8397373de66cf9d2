using Microsoft.JSInterop;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application;
using XinchuangFlow.Application.Tickets;
using XinchuangFlow.Domain.Grading;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Components.Pages.Hotline;

public partial class HotlineDesk
{
    [CascadingParameter] private Actor Actor { get; set; } = Actor.Anonymous;
    private string? _text, _contactName, _contactPhone, _county, _category, _title, _description;
    private string _impact = Impacts.Single;
    private IReadOnlyList<HotlineUnit> _units = [];
    private HotlineContext? _context;
    private Ticket? _created;
    private bool _showCreated;   // the confirmation replaces a long form: it is brought into view once rendered

    [Inject] private IJSRuntime JS { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_showCreated) return;
        _showCreated = false;
        await JS.InvokeVoidAsync("xfScroll.into", "[data-testid=hotline-created]");
    }
    private readonly Dictionary<string, string?> _notes = new();
    private FieldErrors _errors = new();
    private bool _denied, _busy, _searched;
    private string _key = NewKey();

    private static string NewKey() => "hotline-" + Guid.NewGuid().ToString("N");

    protected override async Task OnInitializedAsync()
    {
        try { await Hotline.FindUnitsAsync(Actor, null); }
        catch (ForbiddenException) { _denied = true; }
    }

    private async Task SearchAsync(string? text)
    {
        _context = null;
        try { _units = await Hotline.FindUnitsAsync(Actor, text); _searched = !string.IsNullOrWhiteSpace(text); }
        catch (InvalidInputException ex) { Snackbar.Add(ex.Text(), Severity.Warning); }
    }

    private async Task OpenAsync(Guid unitId)
    {
        _context = await Hotline.ContextAsync(Actor, unitId);
        // The caller's number when they were found by it; else the last contact of the unit.
        var calledFrom = HotlineService.CallerNumber(_text);
        (_contactName, _contactPhone, _county) = (_context.LastContactName, calledFrom ?? _context.LastContactPhone, _context.Unit.CountyCode);
        (_category, _title, _description, _created, _errors, _key) = (null, null, null, null, new(), NewKey());
    }

    private async Task CreateAsync()
    {
        if (_busy || _context is null) return;
        (_busy, _errors) = (true, new());
        try
        {
            var request = new NewTicket(_contactName, _contactPhone, null, _context.Unit.CityCode, _county, _context.LastAddress, _category, null, null, null, null,
                _title, _description, _impact, Channel: "hotline", ProcurementUnitId: _context.Unit.Id, ProcurementUnit: _context.Unit.Name);
            (_created, _) = await Intake.CreateAsync(Actor, request, _key);
            _showCreated = true;
            // The unit's list is read again: the ticket just filed is at its top (open first, newest first).
            _context = await Hotline.ContextAsync(Actor, _context.Unit.Id);
        }
        catch (InvalidInputException ex) { _errors = FieldErrors.From(ex); }
        finally { _busy = false; }
    }

    private async Task LinkAsync(string number)
    {
        _busy = true;
        try
        {
            await Hotline.LinkCallAsync(Actor, number, _notes.GetValueOrDefault(number));
            _notes[number] = null;
            Snackbar.Add(string.Format(L["Hotline.Linked"], number), Severity.Success);
        }
        catch (InvalidInputException ex) { Snackbar.Add(ex.Text(), Severity.Error); }
        catch (StateConflictException ex) { Snackbar.Add(ex.Text(), Severity.Error); }
        finally { _busy = false; }
    }
}
