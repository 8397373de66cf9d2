using Bunit;
using Microsoft.Extensions.DependencyInjection;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Validation;
using XinchuangFlow.Web.Components.Designer;

namespace XinchuangFlow.Web.Tests.Components;

/// <summary>Definition → canvas → definition: every shipped definition is drawn without losing an activity, a position or a connection.</summary>
public sealed class DiagramMappingTests : IAsyncLifetime
{
    private EngineHost _engine = null!;
    public async Task InitializeAsync() => _engine = await EngineHost.StartAsync();
    public async Task DisposeAsync() => await _engine.DisposeAsync();

    private ActivityRegistry Registry => _engine.Services.GetRequiredService<ActivityRegistry>();

    private static WorkflowDefinitionModel Shipped(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "XinchuangFlow.sln"))) dir = dir.Parent;
        return DefinitionJson.Parse(File.ReadAllText(Path.Combine(dir.FullName, "workflows", name + ".json")));
    }

    [Fact]
    public void ARedraw_KeepsEveryNodeAndLinkThatDidNotChange_AndReplacesOnlyWhatDid()
    {
        // Replacing every node on every edit took each node off the page and back: the library's resize watch then threw
        // for every node (34 errors after adding one activity), and a large flow redrew slowly.
        var model = Shipped("service-ticket");
        var diagram = DiagramBuilder.NewDiagram(readOnly: false);
        var builder = new DiagramBuilder(Registry);
        builder.Draw(diagram, model, [], english: false);
        var nodes = diagram.Nodes.OfType<ActivityNode>().ToDictionary(n => n.ActivityId);
        var links = diagram.Links.ToDictionary(l => l.Id);
        var removedNodes = new List<string>();
        diagram.Nodes.Removed += n => removedNodes.Add(((ActivityNode)n).ActivityId);

        var renamed = model.Activities[1];
        renamed.DisplayName = "改名后的步骤";
        var moved = model.Activities[2];
        moved.Position = new DesignerPosition(moved.Position!.X + 100, moved.Position.Y + 40);
        var dropped = model.Connections.First(c => c.Source.Activity != renamed.Id && c.Target.Activity != renamed.Id);
        model.Connections.Remove(dropped);
        model.Activities.Add(new ActivityModel { Id = "extra", Type = "xf.Delay", Position = new DesignerPosition(40, 900) });
        builder.Draw(diagram, model, [new ValidationProblem("required", "extra", "input 'duration' is required.")], english: false);

        Assert.Equal([renamed.Id], removedNodes);                                   // only the node whose drawing changed left the canvas
        var after = diagram.Nodes.OfType<ActivityNode>().ToDictionary(n => n.ActivityId);
        Assert.Equal(model.Activities.Select(a => a.Id).Order(), after.Keys.Order());
        foreach (var (id, node) in nodes.Where(n => n.Key != renamed.Id)) Assert.Same(node, after[id]);
        Assert.Equal("改名后的步骤", after[renamed.Id].Label);
        Assert.Equal((moved.Position.X, moved.Position.Y), (after[moved.Id].Position.X, after[moved.Id].Position.Y));
        Assert.Single(after["extra"].Problems);
        Assert.All(after.Values.Where(n => n.ActivityId != "extra"), n => Assert.Empty(n.Problems));

        var drawn = diagram.Links.Select(DiagramBuilder.ConnectionOf).Select(c => $"{c!.Value.From}.{c.Value.Port}>{c.Value.To}").Order().ToList();
        Assert.Equal(model.Connections.Select(c => $"{c.Source.Activity}.{c.Source.Port ?? "done"}>{c.Target.Activity}").Order(), drawn);
        foreach (var link in diagram.Links.Where(l => DiagramBuilder.ConnectionOf(l) is { } c && c.From != renamed.Id && c.To != renamed.Id))
            Assert.Same(links[link.Id], link);                                    // untouched connections keep their drawn link
    }

    [Fact]
    public void Fit_ShowsASmallFlowWhole_AndALargeOneAtAReadableZoomFromItsStart()
    {
        var builder = new DiagramBuilder(Registry);
        var large = DiagramBuilder.NewDiagram(readOnly: true);
        builder.Draw(large, Shipped("service-ticket"), [], english: false);
        large.SetContainer(new Blazor.Diagrams.Core.Geometry.Rectangle(0, 0, 800, 600));
        DiagramBuilder.Fit(large);
        Assert.Equal(DiagramBuilder.ReadableZoom, large.Zoom, 3);                  // ZoomToFit went to 0.2: unreadable boxes
        var left = large.Nodes.Min(n => n.Position.X);
        Assert.Equal(40, left * large.Zoom + large.Pan.X, 3);                        // the left edge (the Start) in view

        // The toolbar's "fit" is an overview: every activity in view, however small.
        DiagramBuilder.Fit(large, whole: true);
        Assert.True(large.Zoom < DiagramBuilder.ReadableZoom);
        foreach (var n in large.Nodes)
            Assert.InRange(n.Position.X * large.Zoom + large.Pan.X, 0, 800 - n.Size!.Width * large.Zoom);

        var small = DiagramBuilder.NewDiagram(readOnly: true);
        builder.Draw(small, Shipped("demo-acceptance"), [], english: false);
        small.SetContainer(new Blazor.Diagrams.Core.Geometry.Rectangle(0, 0, 2400, 1200));
        DiagramBuilder.Fit(small);
        Assert.InRange(small.Zoom, DiagramBuilder.ReadableZoom, 1);
        foreach (var n in small.Nodes)
        {
            Assert.InRange(n.Position.X * small.Zoom + small.Pan.X, 0, 2400 - n.Size!.Width * small.Zoom);
            Assert.InRange(n.Position.Y * small.Zoom + small.Pan.Y, 0, 1200 - n.Size.Height * small.Zoom);
        }
    }

    [Fact]
    public void ALayoutWithHeights_LeavesEveryActivityItsRoom()
    {
        var model = Shipped("service-ticket");
        var builder = new DiagramBuilder(Registry);
        double Height(ActivityModel a) => builder.HeightOf(a) + ActivityNode.NoteHeight;
        XinchuangFlow.Application.Designer.Layout.Apply(model, Registry, heightOf: Height);
        var boxes = model.Activities.Select(a => (a.Id, L: a.Position!.X, T: a.Position.Y, R: a.Position.X + ActivityNode.Width, B: a.Position.Y + Height(a))).ToList();
        foreach (var a in boxes)
            foreach (var b in boxes.Where(b => string.CompareOrdinal(b.Id, a.Id) > 0))
                Assert.False(a.L < b.R && b.L < a.R && a.T < b.B && b.T < a.B, $"{a.Id} and {b.Id} overlap");
    }

    [Fact]
    public async Task WhilePrerendering_NoCanvasIsDrawn_SoNothingCallsTheBrowser_NotEvenToDisposeIt()
    {
        await using var ctx = new Bunit.BunitContext();
        ctx.JSInterop.Mode = Bunit.JSRuntimeMode.Strict;                               // any call to the browser fails the test
        ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        ctx.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));
        var diagram = DiagramBuilder.NewDiagram(readOnly: true);
        new DiagramBuilder(Registry).Draw(diagram, Shipped("demo-acceptance"), [], english: false);
        var cut = ctx.Render<DiagramView>(p => p.Add(x => x.Diagram, diagram));
        Assert.Empty(cut.FindAll(".diagram-canvas"));
        cut.Dispose();
    }

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
