using Microsoft.AspNetCore.Components;
using MudBlazor;
using XinchuangFlow.Application.Access;
using System.Text.Json;
using System.Text.Json.Nodes;
using XinchuangFlow.Application.Designer;
using XinchuangFlow.Engine.Abstractions;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Definitions;

namespace XinchuangFlow.Web.Components.Designer;

public partial class PropertyPanel
{
    /// <summary>The names an expression may use, with this definition's own variables spelled out.</summary>
    private string ScopeHint => L["ExpressionScope"] + (Document.Model.Variables.Count == 0 ? "" : " · " + string.Join(", ", Document.Model.Variables.Select(v => "vars." + v.Name)));

    private string Label(string id) => Document.Model.FindActivity(id) is { } a && !string.IsNullOrWhiteSpace(a.DisplayName) ? $"{a.DisplayName} ({id})" : id;

    private string PortName(string port) =>
        Descriptor?.OutcomesFromInput is { } input && Descriptor.FindInput(input)?.Kind == InputKind.Outcomes
        && OutcomeList.Read(Activity!, input).FirstOrDefault(o => o.Key == port) is { } outcome
            ? $"{outcome.DisplayName(SharedResource.IsEnglish)} [{port}]"
            : port;
    [Parameter, EditorRequired] public DesignerDocument Document { get; set; } = null!;
    [Parameter] public string? ActivityId { get; set; }
    [Parameter] public bool ReadOnly { get; set; }
    [Parameter] public IReadOnlyList<string> DefinitionIds { get; set; } = [];

    private readonly Dictionary<string, string> _drafts = new();
    private readonly Dictionary<string, string?> _jsonErrors = new();
    private ActivityModel? Activity => ActivityId is null ? null : Document.Model.FindActivity(ActivityId);
    private ActivityDescriptor? Descriptor => Activity is null ? null : Registry.FindDescriptor(Activity.Type);

    protected override void OnParametersSet()
    {
        _drafts.Clear();
        _jsonErrors.Clear();
    }

    private void Set(InputDescriptor input, JsonNode? value) => Document.SetInput(ActivityId!, input.Name, value);

    private void ToggleExpression(InputDescriptor input, bool on)
    {
        var value = Activity!.Inputs.GetValueOrDefault(input.Name);
        if (on) Set(input, DefinitionJson.Expr(value is JsonValue v && v.TryGetValue<string>(out var s) ? $"'{s.Replace("'", "\\'")}'" : value?.ToJsonString() ?? "''"));
        else Set(input, input.Default?.DeepClone());
    }

    private void CommitExpression(InputDescriptor input)
    {
        if (_drafts.TryGetValue(input.Name, out var text)) Set(input, DefinitionJson.Expr(text));
    }

    /// <summary>The task kinds offered for this flow: its own case flow's, or every kind for a flow that is none (publishing then says why).</summary>
    private IEnumerable<XinchuangFlow.Domain.Tickets.TaskKind> TaskKindChoices =>
        XinchuangFlow.Domain.Tickets.TaskKinds.All.Any(k => k.CaseFlow == Document.Model.DefinitionId)
            ? XinchuangFlow.Domain.Tickets.TaskKinds.All.Where(k => k.CaseFlow == Document.Model.DefinitionId)
            : XinchuangFlow.Domain.Tickets.TaskKinds.All;

    /// <summary>A kind by its name in the user's language (an unknown key as it is: publishing names it).</summary>
    private string TaskKindName(string? key) => XinchuangFlow.Domain.Tickets.TaskKinds.Find(key) is { } kind ? L[kind.NameKey] : key ?? "";

    private static string Text(JsonNode? value) => value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";

    [CascadingParameter] private Actor Actor { get; set; } = Actor.Anonymous;

    private async Task<IEnumerable<string>> SearchUsersAsync(string? text, CancellationToken ct)
    {
        if (!Actor.IsAuthenticated) return [];
        return (await Users.SearchAsync(Actor, text, ct)).Select(u => u.UserName);
    }

    private void SetJson(InputDescriptor input, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) { _jsonErrors.Remove(input.Name); Set(input, null); return; }
        try
        {
            var node = JsonNode.Parse(text);
            _jsonErrors.Remove(input.Name);
            Set(input, node);
        }
        catch (JsonException ex)
        {
            _jsonErrors[input.Name] = ex.Message;
        }
    }

    private static readonly string[] FieldTypes = ["text", "textarea", "number", "boolean", "date", "datetime", "select"];
}
