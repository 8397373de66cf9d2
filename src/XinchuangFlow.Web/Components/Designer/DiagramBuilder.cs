using Blazor.Diagrams;
using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.PathGenerators;
using Blazor.Diagrams.Core.Routers;
using Blazor.Diagrams.Options;
using MudBlazor;
using XinchuangFlow.Engine.Activities;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Validation;

namespace XinchuangFlow.Web.Components.Designer;

/// <summary>
/// Definition ⇄ canvas: draws a definition as Z.Blazor.Diagrams nodes (one per activity, one port per outcome and
/// optional port) and links (one per connection), and reads a connection back from a drawn link. Nothing here is
/// specific to an activity type: names, categories, outcomes and ports come from the activity registry.
/// </summary>
public sealed class DiagramBuilder(ActivityRegistry registry)
{
    /// <summary>Palette icons by category (the registry's categories), so a new activity type needs no designer change.</summary>
    public static string IconOf(string category) => category switch
    {
        "流程控制" => Icons.Material.Filled.AccountTree,
        "人工任务" => Icons.Material.Filled.Person,
        "时间" => Icons.Material.Filled.Timer,
        "数据" => Icons.Material.Filled.DataObject,
        "集成" => Icons.Material.Filled.Hub,
        "工单" => Icons.Material.Filled.Assignment,
        "时限" => Icons.Material.Filled.AvTimer,
        "投诉" => Icons.Material.Filled.Feedback,
        _ => Icons.Material.Filled.Widgets,
    };

    public static BlazorDiagram NewDiagram(bool readOnly)
    {
        var options = new BlazorDiagramOptions
        {
            AllowMultiSelection = !readOnly,
            AllowPanning = true,
            GridSize = readOnly ? null : 20,
            Zoom = { Enabled = true, Minimum = 0.2, Maximum = 2.5 },
            Links =
            {
                DefaultRouter = new NormalRouter(),
                DefaultPathGenerator = new SmoothPathGenerator(),
                RequireTarget = true,
                EnableSnapping = true,
                SnappingRadius = 30,
            },
        };
        var diagram = new BlazorDiagram(options);
        diagram.RegisterComponent<ActivityNode, ActivityNodeWidget>();
        return diagram;
    }

    /// <summary>Replaces what the diagram shows with the definition; problems mark the activities they name.</summary>
    public void Draw(BlazorDiagram diagram, WorkflowDefinitionModel model, IReadOnlyList<ValidationProblem> problems, bool english, bool readOnly = false)
    {
        diagram.Batch(() =>
        {
            diagram.Links.Clear();
            diagram.Nodes.Clear();
            var nodes = new Dictionary<string, ActivityNode>(StringComparer.Ordinal);
            foreach (var a in model.Activities)
            {
                var node = ToNode(a, english);
                node.Locked = readOnly;
                node.Problems.AddRange(problems.Where(p => p.ActivityId == a.Id));
                nodes[a.Id] = node;
                diagram.Nodes.Add(node);
            }
            foreach (var c in model.Connections)
            {
                if (!nodes.TryGetValue(c.Source.Activity, out var from) || !nodes.TryGetValue(c.Target.Activity, out var to)) continue;
                if (from.Outcome(c.Source.Port ?? "done") is not { } port) continue;
                var link = new LinkModel($"{c.Source.Activity}.{port.Key}>{c.Target.Activity}", port, to.In)
                {
                    TargetMarker = LinkMarker.Arrow,
                    Locked = readOnly,
                };
                diagram.Links.Add(link);
            }
        });
    }

    public ActivityNode ToNode(ActivityModel a, bool english)
    {
        var descriptor = registry.FindDescriptor(a.Type);
        var impl = registry.Find(a.Type);
        var outcomes = new List<(string, string, bool)>();
        if (impl is not null)
        {
            // Display names where the outcomes are an outcome list (keys and names); otherwise the port is its key.
            var names = descriptor?.OutcomesFromInput is { } input && descriptor.FindInput(input)?.Kind == InputKind.Outcomes
                ? OutcomeList.Read(a, input).GroupBy(o => o.Key).ToDictionary(g => g.Key, g => g.First().DisplayName(english))
                : [];
            foreach (var key in impl.GetOutcomes(a)) outcomes.Add((key, names.GetValueOrDefault(key, key), false));
            foreach (var key in impl.GetOptionalOutcomes(a)) outcomes.Add((key, key, true));
        }
        var typeName = descriptor is null ? a.Type : english ? descriptor.DisplayNameEn : descriptor.DisplayNameZh;
        return new ActivityNode(a, typeName, descriptor?.Category ?? "?", IconOf(descriptor?.Category ?? ""), outcomes);
    }

    /// <summary>The connection a drawn link stands for, or null when it does not go from an outcome to an activity.</summary>
    public static (string From, string Port, string To)? ConnectionOf(Blazor.Diagrams.Core.Models.Base.BaseLinkModel link) =>
        link.Source is SinglePortAnchor { Port: OutcomePort from } && link.Target is SinglePortAnchor { Port: { Parent: ActivityNode to } }
            ? (((ActivityNode)from.Parent).ActivityId, from.Key, to.ActivityId)
            : null;
}
