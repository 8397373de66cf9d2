using Microsoft.AspNetCore.Components;
using MudBlazor;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application;
using XinchuangFlow.Application.Tickets;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Web.Components.Inbox;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Components.Pages.Field;

public partial class FieldTicket
{
    [Parameter] public string Number { get; set; } = "";
    [CascadingParameter] private Actor Actor { get; set; } = Actor.Anonymous;

    private TicketWorkspace? _w;
    private bool _notFound, _busy;
    private string? _error, _reason, _location, _resolution, _parts, _confirmedBy;
    private IReadOnlyList<string> _cited = [];
    private Dictionary<string, string> _errors = new();

    /// <summary>The open task of this kind the user may work (a technician's step, whatever the flow calls it), or null.</summary>
    private static HumanTask? Mine(TicketWorkspace w, string kind) => w.MyTasks.FirstOrDefault(k => k.TaskKind == kind);

    /// <summary>Whether the task's form asks for this field (a form without fields takes what the page sends).</summary>
    private static bool Declares(HumanTask task, string field) => task.Form.Count == 0 || task.Form.Any(f => f.Name == field);

    private async Task ClosedAsync((string Message, Severity Severity) result)
    {
        Snackbar.Add(result.Message, result.Severity);
        await LoadAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            _w = await Workspace.GetAsync(Actor, Number);
        }
        catch (NotFoundException)
        {
            _notFound = true;
        }
    }

    private Task AcceptAsync() => ActAsync(() => Actions.AcceptAsync(Actor, Number, null), L["Field.Accepted"]);
    private Task ReturnAsync() => ActAsync(() => Actions.ReturnAsync(Actor, Number, _reason), L["Field.Returned"]);
    private Task SetOutAsync() => ActAsync(() => Actions.SetOutAsync(Actor, Number), L["Field.SetOutDone"]);

    private async Task CheckInAsync(bool remote)
    {
        TicketActionService.Position? position = null;
        if (!remote)
        {
            _busy = true;
            try
            {
                var p = await JS.InvokeAsync<GeoFix?>("xfGeo.locate", new object?[] { 8000 });
                if (p is not null) position = new(p.Latitude, p.Longitude, p.Accuracy);
            }
            catch (Microsoft.JSInterop.JSException) { } // no position: the check-in still records the server time
        }
        await ActAsync(() => Actions.CheckInAsync(Actor, Number, _location, remote, position), L["Field.CheckedIn"]);
    }

    private Task ResolveAsync(bool askVendor) =>
        ActAsync(() => Actions.ResolveAsync(Actor, Number, _resolution, _parts, _confirmedBy, askVendor, _cited), askVendor ? L["Field.VendorAsked"] : L["Field.Resolved"]);

    private async Task ActAsync(Func<Task<Ticket>> action, string done)
    {
        _busy = true;
        _error = null;
        _errors = new();
        try
        {
            await action();
            Snackbar.Add(done, Severity.Success);
            await LoadAsync();
        }
        catch (InvalidInputException ex)
        {
            _errors = ex.TextsByField().Where(e => e.Key.Length > 0).ToDictionary(e => e.Key, e => string.Join(" ", e.Value));
            _error = ex.Text();
        }
        catch (XfException ex) { _error = ex.Text(); }
        finally { _busy = false; }
    }

    private sealed record GeoFix(double Latitude, double Longitude, double? Accuracy);
}
