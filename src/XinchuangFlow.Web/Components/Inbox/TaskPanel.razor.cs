using Microsoft.AspNetCore.Components;
using MudBlazor;
using XinchuangFlow.Application.Access;
using System.Text.Json.Nodes;
using XinchuangFlow.Application;
using XinchuangFlow.Application.Tasks;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Web.Text;

namespace XinchuangFlow.Web.Components.Inbox;

public partial class TaskPanel
{
    [Parameter, EditorRequired] public Guid TaskId { get; set; }
    [CascadingParameter] public Actor Actor { get; set; } = Actor.Anonymous;
    /// <summary>Called when the task left this user's hands (done, handed over, taken by others); with a message to show.</summary>
    [Parameter] public EventCallback<(string Message, Severity Severity)> OnClosed { get; set; }
    /// <summary>Called after a claim or release (the list shows the new holder).</summary>
    [Parameter] public EventCallback OnChanged { get; set; }
    /// <summary>The page of the task's case (the ticket, the complaint, the assessment result, the notice), opened beside the inbox.</summary>
    [Parameter] public string? CaseLink { get; set; }

    private HumanTask? _task;
    private TaskForm? _form;
    private bool _busy, _reassigning;
    private string? _toUser, _reason, _reassignError;
    private Guid _loaded;

    private bool HeldByMe => _task is not null && (Same(_task.AssigneeUser, Actor.UserName) || Same(_task.ClaimedBy, Actor.UserName));
    private bool CanClaim => _task is { AssigneeUser: null, ClaimedBy: null };
    private bool CanRelease => _task is { ClaimedBy: not null } && (Same(_task.ClaimedBy, Actor.UserName) || Access.LeadsTeam(Actor));
    private bool MayComplete => _task is not null && Access.MayTake(Actor, _task.AssigneeUser, _task.AssigneeRole, _task.ClaimedBy);

    private static bool Same(string? a, string? b) => a is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded == TaskId) return;
        _loaded = TaskId;
        _done = false;
        _reassigning = false;
        await RefreshAsync();
    }

    /// <summary>Reads the task again (after a change elsewhere): if it is no longer open here, says so and closes.</summary>
    private bool _done;

    public async Task RefreshAsync()
    {
        try
        {
            if (_done) return;   // completed here a moment ago: the change seen is this user's own
            var task = await Tasks.GetAsync(Actor, TaskId);
            if (task.Status != HumanTaskStatus.Open)
            {
                if (_done) return;
                _task = null;
                await OnClosed.InvokeAsync((L["TaskTakenByOthers"], Severity.Warning));
                return;
            }
            _task = task;
            StateHasChanged();
        }
        catch (NotFoundException)
        {
            // Moved out of this user's reach (handed to someone else, re-dispatched).
            _task = null;
            await OnClosed.InvokeAsync((L["Inbox.TaskGone"], Severity.Warning));
        }
    }

    private async Task ClaimAsync() => await ActAsync(async () =>
    {
        _task = await Tasks.ClaimAsync(Actor, TaskId);
        await OnChanged.InvokeAsync();
    });

    private async Task ReleaseAsync() => await ActAsync(async () =>
    {
        _task = await Tasks.ReleaseAsync(Actor, TaskId);
        await OnChanged.InvokeAsync();
    });

    /// <summary>The team as last offered, by login: the list shows each by name, the login stays the value sent.</summary>
    private Dictionary<string, UserEntry> _team = new(StringComparer.OrdinalIgnoreCase);

    private string TeamMember(string? user) =>
        user is null ? "" : _team.TryGetValue(user, out var u) && !string.IsNullOrWhiteSpace(u.DisplayName) ? u.DisplayName : user;

    private async Task<IEnumerable<string>> TeamAsync(string? text, CancellationToken ct)
    {
        if (_task is null) return [];
        var team = await People.TeamForAsync(Actor, _task, ct);
        foreach (var u in team) _team[u.UserName] = u;
        return team.Where(u => string.IsNullOrEmpty(text) || u.UserName.Contains(text, StringComparison.OrdinalIgnoreCase)
                               || (u.DisplayName?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false)).Select(u => u.UserName);
    }

    private async Task ReassignAsync()
    {
        _reassignError = null;
        await ActAsync(async () =>
        {
            try
            {
                await Tasks.ReassignAsync(Actor, TaskId, _toUser, _reason);
                _task = null;
                await OnClosed.InvokeAsync((string.Format(L["Inbox.Reassigned"], await SharedTexts.WhoAsync(People, _toUser)), Severity.Success));
            }
            catch (InvalidInputException ex)
            {
                _reassignError = ex.Text();
            }
        });
    }

    private async Task CompleteAsync((string Outcome, JsonObject Data) submit) => await ActAsync(async () =>
    {
        try
        {
            _done = true;
            try { await Tasks.CompleteAsync(Actor, TaskId, submit.Outcome, submit.Data); }
            catch { _done = false; throw; }
            _task = null;
            await OnClosed.InvokeAsync((L["TaskDone"], Severity.Success));
        }
        catch (InvalidInputException ex)
        {
            _form?.ShowProblems(ex.TextsByField());
        }
    });

    /// <summary>Runs an action and turns the answers of a late or refused click into a clear message.</summary>
    private async Task ActAsync(Func<Task> action)
    {
        _busy = true;
        try
        {
            await action();
        }
        catch (TaskAlreadyCompletedException)
        {
            _task = null;
            await OnClosed.InvokeAsync((L["TaskTakenByOthers"], Severity.Warning));
        }
        catch (TaskClaimedException ex)
        {
            await OnClosed.InvokeAsync((string.Format(L["Inbox.ClaimedByOther"], await SharedTexts.WhoAsync(People, ex.Holder)), Severity.Warning));
            _task = null;
        }
        catch (XfException ex)
        {
            await OnClosed.InvokeAsync((L["ActionFailed"] + ex.Text(), Severity.Error));
        }
        finally
        {
            _busy = false;
        }
    }
}
