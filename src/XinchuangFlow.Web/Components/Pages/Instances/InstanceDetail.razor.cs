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

    private readonly HashSet<string> _shownData = new(StringComparer.Ordinal);
    private XinchuangFlow.Web.Components.Designer.DiagramBuilder? _builder;

    /// <summary>A step by the name the flow gives it in the reader's language, else by what kind of step it is (its id only when the flow no longer has it).</summary>
    private string StepName(string? activityId)
    {
        if (activityId is null) return "";
        if (_definition?.FindActivity(activityId) is not { } a) return activityId;
        var english = SharedResource.IsEnglish;
        return a.DisplayNameIn(english) ?? (Registry.FindDescriptor(a.Type) is { } d ? english ? d.DisplayNameEn : d.DisplayNameZh : activityId);
    }

    /// <summary>The outcomes (ports) a step took, as the reader sees them on the drawing (a fork takes several: "a,b").</summary>
    private string PortName(string? activityId, string keys)
    {
        var builder = _builder ??= new XinchuangFlow.Web.Components.Designer.DiagramBuilder(Registry);
        var activity = activityId is null ? null : _definition?.FindActivity(activityId);
        return string.Join(SharedResource.IsEnglish ? ", " : "、", keys.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(k => builder.PortLabel(activity, k, SharedResource.IsEnglish)));
    }

    /// <summary>The instance's variables: those the flow declares, in its order and by their labels, then any others it holds.</summary>
    private IEnumerable<(string Name, string Label, System.Text.Json.Nodes.JsonNode? Value)> Variables()
    {
        var english = SharedResource.IsEnglish;
        var declared = _definition?.Variables ?? [];
        foreach (var v in declared)
            yield return (v.Name, v.LabelIn(english), _instance!.Variables[v.Name]);
        foreach (var (name, value) in _instance!.Variables.Where(x => declared.All(d => d.Name != x.Key)).OrderBy(x => x.Key, StringComparer.Ordinal))
            yield return (name, $"{name} {L["Instance.Undeclared"]}", value);
    }

    /// <summary>A value in a few words: a text or number as it is, yes/no, a time in China time, else how many items it holds.</summary>
    private string Summary(System.Text.Json.Nodes.JsonNode? value) => value switch
    {
        null => L["Instance.Empty"],
        System.Text.Json.Nodes.JsonObject o => string.Format(L["Instance.Items"], o.Count),
        System.Text.Json.Nodes.JsonArray a => string.Format(L["Instance.Items"], a.Count),
        System.Text.Json.Nodes.JsonValue v when v.TryGetValue<bool>(out var b) => L[b ? "Outcome.true" : "Outcome.false"],
        System.Text.Json.Nodes.JsonValue v when v.TryGetValue<string>(out var s) && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at) && s.Contains('T') => Local(at),
        System.Text.Json.Nodes.JsonValue v when v.TryGetValue<string>(out var s) => s.Length > 120 ? s[..120] + "…" : s,
        _ => value.ToJsonString(),
    };
}
