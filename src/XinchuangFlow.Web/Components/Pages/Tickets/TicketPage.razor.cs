using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using XinchuangFlow.Application.Access;
using System.Text.Json.Nodes;
using XinchuangFlow.Application;
using XinchuangFlow.Application.Tickets;
using XinchuangFlow.Application.Tickets.Actions;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Sla;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Web.Components.Inbox;
using XinchuangFlow.Web.Components.Tickets;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Components.Pages.Tickets;

public partial class TicketPage
{
    [Parameter] public string Number { get; set; } = "";
    [CascadingParameter] private Actor Actor { get; set; } = Actor.Anonymous;

    private TicketWorkspace? _w;
    private bool _notFound, _busy;
    private string? _uploadError, _actionError;

    protected override async Task OnInitializedAsync()
    {
        if (RendererInfo.IsInteractive) Runtime.TasksChanged += OnTasksChanged;
    }

    protected override async Task OnParametersSetAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            _w = await Workspace.GetAsync(Actor, Number);
            _notFound = false;
        }
        catch (NotFoundException)
        {
            _w = null;
            _notFound = true;
        }
    }

    private void OnTasksChanged(IReadOnlyCollection<Guid> instances)
    {
        if (_w is null || !instances.Contains(_w.Ticket.InstanceId)) return;
        _ = InvokeAsync(async () =>
        {
            await LoadAsync();
            StateHasChanged();
        });
    }

    private async Task ClosedAsync((string Message, Severity Severity) result)
    {
        Snackbar.Add(result.Message, result.Severity);
        await LoadAsync();
    }

    /// <summary>A unit that just rated reads what the flow did with the rating (closed, or reopened to be worked again).</summary>
    private async Task RequesterClosedAsync((string Message, Severity Severity, bool Rated) result)
    {
        await LoadAsync();
        var news = result.Rated && result.Severity == Severity.Success && _w?.Requester is { } r ? RequesterTicketView.FeedbackMessageKey(r) : null;
        Snackbar.Add(news is null ? result.Message : L[news], result.Severity);
    }

    /// <summary>Runs an action without a form at once; one with a form in the generic dialog, which shows its own problems.</summary>
    private async Task StartAsync(ITicketAction action)
    {
        _actionError = null;
        if (action.Fields.Count == 0)
        {
            _busy = true;
            try
            {
                await Actions.RunAsync(Actor, Number, action.Key, null);
                await DoneAsync(action);
            }
            catch (XfException ex) { _actionError = ex.Text(); }
            finally { _busy = false; }
            return;
        }
        var parameters = new DialogParameters<TicketActionDialog>
        {
            { d => d.Action, action }, { d => d.Number, Number }, { d => d.Actor, Actor },
        };
        var dialog = await Dialogs.ShowAsync<TicketActionDialog>(L[action.TitleKey], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false }) await DoneAsync(action);
    }

    private async Task DoneAsync(ITicketAction action)
    {
        Snackbar.Add(L[action.DoneKey], Severity.Success);
        await LoadAsync();
    }

    private async Task UploadAsync(InputFileChangeEventArgs e)
    {
        _uploadError = null;
        try
        {
            // The service reads no more than the limit and decides the type by the content.
            await using var stream = e.File.OpenReadStream(long.MaxValue);
            await Files.UploadAsync(Actor, Number, e.File.Name, stream);
            Snackbar.Add(L["Ticket.Uploaded"], Severity.Success);
            await LoadAsync();
        }
        catch (InvalidInputException ex) { _uploadError = ex.Text(); }
        catch (StateConflictException ex) { _uploadError = ex.Text(); }
    }

    private static JsonObject? Dispatch(Ticket t)
    {
        if (t.DispatchExplanation is null) return null;
        try { return JsonNode.Parse(t.DispatchExplanation) as JsonObject; }
        catch (System.Text.Json.JsonException) { return null; }
    }

    /// <summary>The moment a running clock shows as warned: the stored one for the clock that matters, else 80 % of its target.</summary>
    private static DateTimeOffset? WarnOf(Ticket t, SlaClock c) =>
        TicketClocks.Name(c.Kind) == t.NextClock ? t.NextWarnAt : t.DueAt(c.Kind) - TimeSpan.FromTicks((long)(c.Target.Ticks * (1 - Deadlines.WarnShare)));

    private string RejectionName(string code) => L["Rejection." + code] is { ResourceNotFound: false } s ? s.Value : code;

    private static string Hours(TimeSpan t) => XinchuangFlow.Web.Text.Durations.Text(t);
    /// <summary>A field's parts that have a value, apart (" · "); "—" when none has.</summary>
    public static string Parts(params string?[] parts) =>
        parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()).ToList() is { Count: > 0 } given ? string.Join(" · ", given) : "—";
    private static string Place(string? code) => code is { Length: > 0 } ? GuangxiDivisions.Shipped.Find(code)?.Name ?? code : "";
    private string StatusName(string status) => L["Status." + status] is { ResourceNotFound: false } s ? s.Value : status;
    private string EventName(CaseEvent e) => L["Event." + e.Kind] is { ResourceNotFound: false } s ? s.Value
        : e.ToStatus is { } to && to != e.FromStatus ? StatusName(to) : e.Kind;

    public void Dispose() => Runtime.TasksChanged -= OnTasksChanged;
}
