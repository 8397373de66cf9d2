using XinchuangFlow.Web.Text;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using XinchuangFlow.Application.Access;
using XinchuangFlow.Application.Tasks;
using XinchuangFlow.Domain.Network;
using XinchuangFlow.Domain.Tickets;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Web.Components.Inbox;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Components.Pages.Inbox;

public partial class Inbox
{
    private const int PageSize = 25;
    [CascadingParameter] private Actor Actor { get; set; } = Actor.Anonymous;
    [SupplyParameterFromQuery] public string? View { get; set; }
    [SupplyParameterFromQuery] public string? Grade { get; set; }
    [SupplyParameterFromQuery] public string? City { get; set; }
    [SupplyParameterFromQuery] public string? Category { get; set; }
    [SupplyParameterFromQuery] public string? Kind { get; set; }
    [SupplyParameterFromQuery] public string? Status { get; set; }
    [SupplyParameterFromQuery] public string? Q { get; set; }
    [SupplyParameterFromQuery] public int? Page { get; set; }

    private IReadOnlyList<InboxRow> _rows = [];
    private int _total;
    private InboxCounts? _counts;
    private bool _loaded;
    private string? _error;
    private Guid? _open;
    private TaskPanel? _panel;
    private ITimer? _poll;
    private int _reloading;

    // No view asked for: "mine", unless nothing is there and the team has work waiting (a newcomer sees the work).
    private InboxView? _firstView;
    private InboxView CurrentView => Enum.TryParse<InboxView>(View, true, out var v) ? v : _firstView ?? InboxView.Mine;
    private int CurrentPage => Math.Max(0, Page ?? 0);

    private InboxWatch? _watch;

    /// <summary>How many times this inbox loaded its counts and rows (the first time included): the live updates' cost.</summary>
    public int Loads { get; private set; }

    protected override void OnInitialized()
    {
        if (!RendererInfo.IsInteractive) return;
        // A change reloads this inbox only when it concerns it: a task of this user's, in their scope or offered to
        // their role, or a row shown now (TaskChangeFeed; the cost follows the users a change concerns).
        _watch = Views.Watch(Actor);
        Changes.Changed += OnChanged;
        // Changes made on another node reach this page by a periodic look.
        _poll = Clock.CreateTimer(_ => OnTasksChanged([]), null, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15));
    }

    protected override async Task OnParametersSetAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            // The counts first: with no view asked for, they choose the first one.
            Loads++;
            _counts = await Views.CountsAsync(Actor);
            if (string.IsNullOrEmpty(View)) _firstView ??= _counts.Mine == 0 && _counts.Team > 0 ? InboxView.Team : InboxView.Mine;
            var query = new InboxQuery(CurrentView, Grade, City, Category, Kind, Status, Q, CurrentPage * PageSize, PageSize);
            (_rows, _total) = await Views.ListAsync(Actor, query);
            await People.WhoAsync(_rows.Select(r => r.ClaimedBy ?? r.AssigneeUser));   // the holders' names, read at once
            _error = null;
        }
        catch (InvalidInputException ex)
        {
            _error = ex.Text();
        }
        _loaded = true;
    }

    private void OnChanged(TaskChangeBatch batch)
    {
        if (_watch!.Concerns(batch, _rows.Select(r => r.InstanceId).ToHashSet())) OnTasksChanged(batch.Instances);
    }

    private void OnTasksChanged(IReadOnlyCollection<Guid> instances)
    {
        // Several changes in a burst cause one reload.
        if (Interlocked.Exchange(ref _reloading, 1) == 1) return;
        _ = InvokeAsync(async () =>
        {
            try
            {
                await Task.Delay(150);
                Interlocked.Exchange(ref _reloading, 0);
                await LoadAsync();
                if (_panel is not null) await _panel.RefreshAsync();
                StateHasChanged();
            }
            catch (ObjectDisposedException) { }
        });
    }

    private async Task ReloadAsync()
    {
        await LoadAsync();
        StateHasChanged();
    }

    private void Open(InboxRow row) => _open = row.TaskId;

    private bool CanWork(InboxRow row) => Access.MayTake(Actor, row.AssigneeUser, row.AssigneeRole, row.ClaimedBy);

    private async Task ClaimAsync(InboxRow row)
    {
        try
        {
            await TaskActions.ClaimAsync(Actor, row.TaskId);
            Snackbar.Add(L["Inbox.Claimed"], Severity.Success);
            _open = row.TaskId;
        }
        catch (TaskClaimedException ex) { Snackbar.Add(string.Format(L["Inbox.ClaimedByOther"], await SharedTexts.WhoAsync(People, ex.Holder)), Severity.Warning); }
        catch (TaskAlreadyCompletedException) { Snackbar.Add(L["TaskTakenByOthers"], Severity.Warning); }
        catch (XfException ex) { Snackbar.Add(L["ActionFailed"] + ex.Text(), Severity.Error); }
        await LoadAsync();
    }

    private async Task ClosedAsync((string Message, Severity Severity) result)
    {
        Snackbar.Add(result.Message, result.Severity);
        _open = null;
        await LoadAsync();
    }

    private void Go(string url) => Nav.NavigateTo(url);

    /// <summary>This page's URL with some query values changed ("" removes one).</summary>
    private string Link(InboxView? view = null, string? grade = null, string? city = null, string? category = null, string? kind = null,
        string? status = null, string? q = null, int? page = null)
    {
        static object? Keep(string? changed, string? current) => changed is null ? current : changed.Length == 0 ? null : changed;
        return Nav.GetUriWithQueryParameters("/inbox", new Dictionary<string, object?>
        {
            ["view"] = (view ?? CurrentView) == InboxView.Mine ? null : (view ?? CurrentView).ToString(),
            ["grade"] = Keep(grade, Grade), ["city"] = Keep(city, City), ["category"] = Keep(category, Category), ["kind"] = Keep(kind, Kind),
            ["status"] = Keep(status, Status), ["q"] = Keep(q, Q), ["page"] = (page ?? CurrentPage) is 0 ? null : page ?? CurrentPage,
        });
    }

    private string Count(InboxView view) => _counts is null ? "" : (view switch
    {
        InboxView.Mine => _counts.Mine, InboxView.Team => _counts.Team, InboxView.Overdue => _counts.Overdue, _ => _counts.All,
    }).ToString();

    /// <summary>What the task is: its kind's name, else its title from the definition — never the step's id.</summary>
    private string StepName(InboxRow row) => TaskKinds.Find(row.TaskKind) is { } kind ? L[kind.NameKey] : row.TitleIn(SharedResource.IsEnglish);
    private string StatusName(string status) => L["Status." + status] is { ResourceNotFound: false } s ? s.Value : status;

    private static string Place(InboxRow row)
    {
        var city = row.CityCode is { } c ? GuangxiDivisions.Shipped.Find(c)?.Name : null;
        var county = row.CountyCode is { Length: > 0 } k ? GuangxiDivisions.Shipped.Find(k)?.Name : null;
        return string.Join(" ", new[] { city, county }.Where(x => x is not null));
    }

    /// <summary>Who may take a task nobody holds: its role, unclaimed (a held task names its holder instead).</summary>
    private string Unclaimed(InboxRow row) => row.AssigneeRole is { } r ? L["Role." + r] + " · " + L["Inbox.Unclaimed"] : "";

    /// <summary>The page of the row's case: a ticket's by its number, a complaint's by its id; none for a flow without a case.</summary>
    private static string? CaseLink(InboxRow row) => CaseLinks.Of(row.CaseKind, row.CaseId, row.CaseNumber);

    private static string? ClockOf(InboxRow row) => row.Clock is "response" or "onsite" or "resolution" ? row.Clock : null;

    public void Dispose()
    {
        Changes.Changed -= OnChanged;
        _poll?.Dispose();
    }
}
