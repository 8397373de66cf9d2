using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using XinchuangFlow.Application.Designer;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Validation;
using XinchuangFlow.Infrastructure.Hosting;
using XinchuangFlow.Infrastructure.Persistence;

namespace XinchuangFlow.Infrastructure.Tests;

/// <summary>The designer's editing model without a UI: undo/redo, edits, paste, auto-layout and the diff between versions.</summary>
public sealed class DesignerDocumentTests : IDisposable
{
    private readonly IHost _host = EngineHostBuilder.Create(DatabaseProvider.Sqlite, "Data Source=:memory:", TimeProvider.System).Build();
    private ActivityRegistry Registry => _host.Services.GetRequiredService<ActivityRegistry>();
    private DefinitionValidator Validator => _host.Services.GetRequiredService<DefinitionValidator>();

    public void Dispose() => _host.Dispose();

    private static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "XinchuangFlow.sln"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, relative);
    }

    private static WorkflowDefinitionModel Shipped(string name) => DefinitionJson.Parse(File.ReadAllText(RepoFile($"workflows/{name}.json")));

    [Theory]
    [InlineData("service-ticket")]
    [InlineData("complaint")]
    [InlineData("demo-acceptance")]
    public void EveryShippedDefinition_OpensAndSavesUnchanged_AndUndoOfAnEditRestoresItExactly(string name)
    {
        var original = Shipped(name);
        var doc = new DesignerDocument(original, Registry, 1, "hash");
        Assert.Equal(DefinitionJson.Serialize(original), DefinitionJson.Serialize(doc.Model));
        Assert.False(doc.IsDirty);

        var first = doc.Model.Activities[1];
        doc.Move(first.Id, 999, 888);
        doc.SetInput(first.Id, "note", new JsonObject { ["expr"] = "vars.x + ' 备注'" });
        doc.SetDisplayName(first.Id, "改名");
        Assert.True(doc.IsDirty);
        doc.Undo(); doc.Undo(); doc.Undo();
        Assert.Equal(DefinitionJson.Serialize(original), DefinitionJson.Serialize(doc.Model));
        Assert.False(doc.IsDirty);
        Assert.Empty(Validator.Validate(doc.Model));
    }

    [Fact]
    public void AddingAReviewStep_BetweenTwoActivities_IsOneEditEach_AndRedoReplaysIt()
    {
        var doc = new DesignerDocument(Shipped("demo-acceptance"), Registry);
        var review = doc.AddActivity("xf.UserTask", 300, 400, "主管复核");
        Assert.Equal("userTask1", review.Id);
        Assert.Equal(["done"], doc.OutcomesOf(review));   // the default outcome list
        Assert.Contains("withdrawn", doc.PortsOf(review));
        doc.SetInput(review.Id, "title", JsonValue.Create("主管复核"));
        doc.SetInput(review.Id, "role", JsonValue.Create("EnterpriseManager"));
        doc.SetInput(review.Id, "outcomes", JsonNode.Parse("""[{"key":"ok","name":"通过"},{"key":"back","name":"退回"}]"""));
        doc.Disconnect("accept", "accept", "done");
        doc.Connect("accept", "accept", review.Id);
        // Validation sees the unconnected outcomes of the new step …
        var problems = Validator.Validate(doc.Model);
        Assert.Contains(problems, p => p.Code == "outcome-unconnected" && p.ActivityId == review.Id);
        doc.Connect(review.Id, "ok", "done");
        doc.Connect(review.Id, "back", "accept");
        Assert.Empty(Validator.Validate(doc.Model));     // … and is satisfied once they are connected

        var edited = DefinitionJson.Serialize(doc.Model);
        for (var i = 0; i < 9; i++) doc.Undo();
        Assert.Equal(DefinitionJson.Serialize(Shipped("demo-acceptance")), DefinitionJson.Serialize(doc.Model));
        Assert.False(doc.CanUndo);
        for (var i = 0; i < 9; i++) doc.Redo();
        Assert.Equal(edited, DefinitionJson.Serialize(doc.Model));
    }

    [Fact]
    public void RemovingAnOutcome_RemovesItsConnections_AndAnActivityTakesItsConnectionsWithIt()
    {
        var doc = new DesignerDocument(Shipped("demo-acceptance"), Registry);
        doc.SetInput("accept", "outcomes", JsonNode.Parse("""[{"key":"accept","name":"受理"}]"""));
        Assert.DoesNotContain(doc.Model.Connections, c => c.Source.Activity == "accept" && c.Source.Port == "return");
        doc.RemoveActivities(["accept"]);
        Assert.DoesNotContain(doc.Model.Connections, c => c.Source.Activity == "accept" || c.Target.Activity == "accept");
        doc.Undo();
        Assert.NotNull(doc.Model.FindActivity("accept"));
    }

    [Fact]
    public void CopyPaste_GivesFreshIds_KeepsTheConnectionsAmongThePastedOnes_AndNeverASecondStart()
    {
        var doc = new DesignerDocument(Shipped("demo-acceptance"), Registry);
        var ids = doc.Model.Activities.Select(a => a.Id).ToList();
        var pasted = doc.Paste(doc.Copy(ids));
        Assert.Equal(ids.Count - 1, pasted.Count);                        // the Start is not duplicated
        Assert.All(pasted, id => Assert.DoesNotContain(id, ids));
        var inner = doc.Model.Connections.Count(c => pasted.Contains(c.Source.Activity) && pasted.Contains(c.Target.Activity));
        Assert.Equal(Shipped("demo-acceptance").Connections.Count(c => c.Source.Activity != "start"), inner);
        Assert.Equal(1, doc.Model.Activities.Count(a => a.Type == "xf.Start"));
    }

    [Fact]
    public void AutoLayout_PlacesADefinitionWithoutPositions_InColumnsFromTheStart_WithoutOverlaps()
    {
        var model = Shipped("service-ticket");
        foreach (var a in model.Activities) a.Position = null;
        var doc = new DesignerDocument(model, Registry);
        doc.AutoLayout();
        Assert.All(doc.Model.Activities, a => Assert.NotNull(a.Position));
        Assert.Equal(Layout.Left, doc.Model.FindActivity("start")!.Position!.X);
        Assert.Equal(doc.Model.Activities.Count, doc.Model.Activities.Select(a => a.Position).Distinct().Count());
        // Each forward connection goes to a later column (loops back are the exception).
        Assert.True(doc.Model.FindActivity("feedbackTask")!.Position!.X > doc.Model.FindActivity("resolve")!.Position!.X);
        Assert.True(doc.Model.FindActivity("end")!.Position!.X > doc.Model.FindActivity("close")!.Position!.X);
    }

    [Fact]
    public void Diff_ListsAddedRemovedAndChangedActivitiesInputsConnectionsAndVariables_IgnoringMovedBoxes()
    {
        var before = Shipped("demo-acceptance");
        var doc = new DesignerDocument(before, Registry);
        var review = doc.AddActivity("xf.UserTask", 1, 1, "主管复核");
        doc.SetInput("accept", "role", JsonValue.Create("EnterpriseManager"));
        doc.Disconnect("accept", "return", "done");
        doc.Connect("accept", "return", review.Id);
        doc.Move("done", 5, 5);
        doc.SetVariables([.. before.Variables, new VariableDefinition { Name = "reviewer", Type = "string" }]);
        var lines = DefinitionDiff.Compare(before, doc.Model);
        Assert.Contains(lines, l => l.Kind == "activity-added" && l.ActivityId == review.Id);
        Assert.Contains(lines, l => l.Kind == "input-changed" && l.ActivityId == "accept" && l.Before == "\"Dispatcher\"" && l.After == "\"EnterpriseManager\"");
        Assert.Contains(lines, l => l.Kind == "connection-removed" && l.Text.Contains("accept.return → done"));
        Assert.Contains(lines, l => l.Kind == "connection-added" && l.Text.Contains($"accept.return → {review.Id}"));
        Assert.Contains(lines, l => l.Kind == "variable-added" && l.Text.Contains("reviewer"));
        Assert.DoesNotContain(lines, l => l.Kind == "activity-moved");
        Assert.Contains(DefinitionDiff.Compare(before, doc.Model, includePositions: true), l => l.Kind == "activity-moved" && l.ActivityId == "done");
        Assert.Empty(DefinitionDiff.Compare(before, Shipped("demo-acceptance")));
    }
}
