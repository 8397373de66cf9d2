using Microsoft.Extensions.DependencyInjection;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Web.Components.Designer;

namespace XinchuangFlow.Web.Tests.Components;

/// <summary>Definition → canvas → definition: every shipped definition is drawn without losing an activity, a position or a connection.</summary>
public sealed class DiagramMappingTests : IAsyncLifetime
{
    private EngineHost _engine = null!;
    public async Task InitializeAsync() => _engine = await EngineHost.StartAsync();
    public async Task DisposeAsync() => await _engine.DisposeAsync();

    [Theory]
    [InlineData("service-ticket")]
    [InlineData("complaint")]
    [InlineData("demo-acceptance")]
    public void EveryShippedDefinition_IsDrawnCompletely_AndItsLinksReadBackAsItsConnections(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "XinchuangFlow.sln"))) dir = dir.Parent;
        var model = DefinitionJson.Parse(File.ReadAllText(Path.Combine(dir.FullName, "workflows", name + ".json")));
        var diagram = DiagramBuilder.NewDiagram(readOnly: false);
        new DiagramBuilder(_engine.Services.GetRequiredService<ActivityRegistry>()).Draw(diagram, model, [], english: false);

        var nodes = diagram.Nodes.OfType<ActivityNode>().ToDictionary(n => n.ActivityId);
        Assert.Equal(model.Activities.Select(a => a.Id).Order(), nodes.Keys.Order());
        foreach (var a in model.Activities)
        {
            Assert.Equal(a.Position!.X, nodes[a.Id].Position.X);
            Assert.Equal(a.Position.Y, nodes[a.Id].Position.Y);
            Assert.Equal(a.Type, nodes[a.Id].Type);
        }
        var drawn = diagram.Links.Select(DiagramBuilder.ConnectionOf).Select(c => $"{c!.Value.From}.{c.Value.Port}>{c.Value.To}").Order().ToList();
        Assert.Equal(model.Connections.Select(c => $"{c.Source.Activity}.{c.Source.Port ?? "done"}>{c.Target.Activity}").Order(), drawn);
        // Every outcome of every task is a port, named by its display name.
        foreach (var task in model.Activities.Where(a => a.Inputs.ContainsKey("outcomes")))
            foreach (var outcome in OutcomeList.Read(task, "outcomes"))
                Assert.Equal(outcome.Name, nodes[task.Id].Outcome(outcome.Key)!.Label);
    }
}
