using System.Text.Json.Nodes;
using XinchuangFlow.Engine.Definitions;

namespace XinchuangFlow.Infrastructure.Tests.Support;

/// <summary>Builds definition JSON in tests without pages of literals.</summary>
public sealed class FlowBuilder(string definitionId, string? name = null)
{
    private readonly WorkflowDefinitionModel _model = new() { DefinitionId = definitionId, Name = name ?? definitionId };

    public FlowBuilder Var(string name, string type = "any", JsonNode? @default = null)
    {
        _model.Variables.Add(new VariableDefinition { Name = name, Type = type, Default = @default });
        return this;
    }

    public FlowBuilder Act(string id, string type, JsonObject? inputs = null)
    {
        var a = new ActivityModel { Id = id, Type = type };
        if (inputs is not null)
            foreach (var (k, v) in inputs) a.Inputs[k] = v?.DeepClone();
        _model.Activities.Add(a);
        return this;
    }

    public FlowBuilder Task(string id, string role, params string[] outcomes) =>
        Act(id, "xf.UserTask", new JsonObject { ["title"] = id, ["role"] = role, ["outcomes"] = Arr(outcomes) });

    public FlowBuilder Link(string from, string port, string to)
    {
        _model.Connections.Add(new ConnectionModel { Source = new Endpoint { Activity = from, Port = port }, Target = new Endpoint { Activity = to } });
        return this;
    }

    /// <summary>Links a chain of activities through their "done" ports.</summary>
    public FlowBuilder Chain(params string[] ids)
    {
        for (var i = 0; i + 1 < ids.Length; i++) Link(ids[i], "done", ids[i + 1]);
        return this;
    }

    public WorkflowDefinitionModel Model => _model;
    public string Json() => DefinitionJson.Serialize(_model);

    public static JsonArray Arr(params string[] items) => new(items.Select(i => (JsonNode)JsonValue.Create(i)!).ToArray());
    public static JsonObject Expr(string e) => DefinitionJson.Expr(e);
}
