using XinchuangFlow.Web.Text;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using XinchuangFlow.Application.Access;
using System.Text.Json;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Runtime;
using XinchuangFlow.Application.Workflows;
using XinchuangFlow.Web.Security;

namespace XinchuangFlow.Web.Components.Pages.Instances;

public partial class InstanceDetail
{
    [Parameter] public Guid Id { get; set; }
    [CascadingParameter] private Actor Actor { get; set; } = Actor.Anonymous;

    private WorkflowInstance? _instance;
    private XinchuangFlow.Engine.Definitions.WorkflowDefinitionModel? _definition;
    private IReadOnlyList<int> _versions = [];
    private int? _migrateTo;
    private IReadOnlyList<Incident> _incidents = [];
    private IReadOnlyList<HumanTask> _tasks = [];
    private IReadOnlyList<JournalEntry> _journal = [];
    private bool _loaded;
    private bool _busy;

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            var detail = await Instances.GetAsync(Actor, Id);
            (_instance, _tasks, _incidents, _journal, _definition) = (detail.Instance, detail.Tasks, detail.Incidents, detail.Journal, detail.Definition);
            _versions = (await Definitions.ListAsync(Actor, detail.Instance.DefinitionId))
                .Where(v => v.Status != DefinitionStatus.Draft && v.Version != detail.Instance.DefinitionVersion).Select(v => v.Version).Order().ToList();
        }
        catch (NotFoundException)
        {
            _instance = null;
        }
        _loaded = true;
    }

    private async Task RetryAsync()
    {
        var ok = await Dialogs.ShowMessageBoxAsync(L["Retry"], L["ConfirmRetry"], yesText: L["Yes"], cancelText: L["No"]);
        if (ok == true) await RetryConfirmedAsync();
    }

    private async Task RetryConfirmedAsync() => await RunAsync(async actor =>
    {
        var instance = await Instances.RetryAsync(actor, Id);
        // A retry that fails again is not a success: say so.
        return instance.Status == WorkflowStatus.Faulted ? ("RetriedFaultedAgain", Severity.Warning) : ("Retried", Severity.Success);
    });

    private async Task MigrateAsync()
    {
        if (_migrateTo is not { } to) return;
        var ok = await Dialogs.ShowMessageBoxAsync(L["Migrate"], string.Format(L["ConfirmMigrate"], to), yesText: L["Yes"], cancelText: L["No"]);
        if (ok == true) await RunAsync(async actor => { await Instances.MigrateAsync(actor, Id, to); return ("MigratedOk", Severity.Success); });
    }

    private async Task CancelAsync()
    {
        var ok = await Dialogs.ShowMessageBoxAsync(L["Cancel"], L["ConfirmCancel"], yesText: L["Yes"], cancelText: L["No"]);
        if (ok == true) await RunAsync(async actor => { await Instances.CancelAsync(actor, Id); return ("CancelledOk", Severity.Success); });
    }

    private async Task RunAsync(Func<XinchuangFlow.Application.Access.Actor, Task<(string Message, Severity Severity)>> action)
    {
        _busy = true;
        try
        {
            var (message, severity) = await action(Actor);
            Snackbar.Add(L[message], severity);
        }
        catch (XfException ex)
        {
            Snackbar.Add(L["ActionFailed"] + ex.Text(), Severity.Error);
        }
        finally
        {
            _busy = false;
            await LoadAsync();
        }
    }

    private static string Local(DateTimeOffset t) => Times.Full(t, seconds: true);
}
