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
        "知识" => Icons.Material.Filled.MenuBook,
        _ => Icons.Material.Filled.Widgets,
    };

    /// <summary>A diagram for a canvas; <paramref name="fixedView"/>: no panning or zooming (a page that scrolls the canvas instead).</summary>
    public static BlazorDiagram NewDiagram(bool readOnly, bool fixedView = false)
    {
        var options = new BlazorDiagramOptions
        {
            AllowMultiSelection = !readOnly,
            AllowPanning = !fixedView,
            GridSize = readOnly ? null : 20,
            Zoom = { Enabled = !fixedView, Minimum = 0.1, Maximum = 2.5 },
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

    /// <summary>
    /// Makes the diagram show the definition; problems mark the activities they name. Only what changed is replaced: a
    /// node whose activity looks the same is kept (moved, re-marked), a link whose connection is still there stays. An
    /// edit then re-renders one node, not all of them, and no node leaves the page for nothing.
    /// </summary>
    public void Draw(BlazorDiagram diagram, WorkflowDefinitionModel model, IReadOnlyList<ValidationProblem> problems, bool english, bool readOnly = false)
    {
        diagram.Batch(() =>
        {
            var drawn = diagram.Nodes.OfType<ActivityNode>().ToDictionary(n => n.ActivityId, StringComparer.Ordinal);
            var wanted = model.Activities.Select(a => ToNode(a, english)).ToDictionary(n => n.ActivityId, StringComparer.Ordinal);
            foreach (var stale in drawn.Values.Where(n => !wanted.TryGetValue(n.ActivityId, out var w) || w.Signature != n.Signature).ToList())
            {
                diagram.Nodes.Remove(stale);   // its links go with it
                drawn.Remove(stale.ActivityId);
            }
            var nodes = new Dictionary<string, ActivityNode>(StringComparer.Ordinal);
            foreach (var fresh in wanted.Values)
            {
                var node = drawn.GetValueOrDefault(fresh.ActivityId);
                if (node is null) diagram.Nodes.Add(node = fresh);
                else if (node.Position.X != fresh.Position.X || node.Position.Y != fresh.Position.Y) node.SetPosition(fresh.Position.X, fresh.Position.Y);
                node.Locked = readOnly;
                node.Problems.Clear();
                node.Problems.AddRange(problems.Where(p => p.ActivityId == node.ActivityId));
                if (!ReferenceEquals(node, fresh)) node.Refresh();
                nodes[node.ActivityId] = node;
            }

            var links = new Dictionary<string, (OutcomePort From, ActivityNode To)>(StringComparer.Ordinal);
            foreach (var c in model.Connections)
                if (nodes.TryGetValue(c.Source.Activity, out var from) && nodes.TryGetValue(c.Target.Activity, out var to) && from.Outcome(c.Source.Port ?? "done") is { } port)
                    links.TryAdd($"{c.Source.Activity}.{port.Key}>{c.Target.Activity}", (port, to));
            foreach (var link in diagram.Links.ToList())
            {
                // A link stays when it is the connection's own, between the nodes drawn now; anything else (a link drawn
                // with the mouse, which the edit turned into a connection) goes.
                if (links.TryGetValue(link.Id, out var want) && link.Source is SinglePortAnchor { Port: var s } && ReferenceEquals(s, want.From)
                    && link.Target is SinglePortAnchor { Port: var t } && ReferenceEquals(t, want.To.In))
                {
                    link.Locked = readOnly;
                    links.Remove(link.Id);
                }
                else diagram.Links.Remove(link);
            }
            foreach (var (id, (from, to)) in links)
                diagram.Links.Add(new LinkModel(id, from, to.In) { TargetMarker = LinkMarker.Arrow, Locked = readOnly });
        });
    }

    /// <summary>The zoom below which a node's text is too small to read; fitting never goes below it.</summary>
    public const double ReadableZoom = 0.6;

    /// <summary>
    /// Shows the whole drawing when it fits at a readable zoom (never enlarged past 1); a drawing larger than that is
    /// shown at the readable zoom from its top-left corner, where the Start is, and the rest is a drag away.
    /// </summary>
    /// <param name="whole">The toolbar's "fit": the whole drawing, however small that makes it (an overview to pick a place to zoom into).</param>
    public static void Fit(BlazorDiagram diagram, double margin = 40, bool whole = false)
    {
        var nodes = diagram.Nodes.ToList();
        if (diagram.Container is not { Width: > 0, Height: > 0 } box || nodes.Count == 0) return;
        var (left, top) = (nodes.Min(n => n.Position.X), nodes.Min(n => n.Position.Y));
        var right = nodes.Max(n => n.Position.X + (n.Size?.Width ?? ActivityNode.Width));
        var bottom = nodes.Max(n => n.Position.Y + (n.Size?.Height ?? ActivityNode.HeightFor(1)));
        var (width, height) = (Math.Max(1, right - left), Math.Max(1, bottom - top));
        var zoom = Math.Clamp(Math.Min((box.Width - 2 * margin) / width, (box.Height - 2 * margin) / height), whole ? 0.1 : ReadableZoom, 1);
        diagram.SetZoom(zoom);
        var panX = width * zoom <= box.Width - 2 * margin ? (box.Width - width * zoom) / 2 - left * zoom : margin - left * zoom;
        var panY = height * zoom <= box.Height - 2 * margin ? (box.Height - height * zoom) / 2 - top * zoom : margin - top * zoom;
        diagram.SetPan(panX, panY);
    }

    /// <summary>How tall an activity is drawn (its ports come from the registry, as on the canvas).</summary>
    public double HeightOf(ActivityModel a) => registry.Find(a.Type) is { } impl
        ? ActivityNode.HeightFor(impl.GetOutcomes(a).Count + impl.GetOptionalOutcomes(a).Count)
        : ActivityNode.HeightFor(0);

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
            foreach (var key in impl.GetOutcomes(a)) outcomes.Add((key, names.GetValueOrDefault(key) ?? OutcomeLabel(key, english), false));
            foreach (var key in impl.GetOptionalOutcomes(a)) outcomes.Add((key, OutcomeLabel(key, english), true));
        }
        var typeName = descriptor is null ? a.Type : english ? descriptor.DisplayNameEn : descriptor.DisplayNameZh;
        return new ActivityNode(a, typeName, descriptor?.Category ?? "?", IconOf(descriptor?.Category ?? ""), outcomes, english);
    }

    /// <summary>How a port of an activity is named for a reader: the name its author gave it, else the shared outcome label.</summary>
    public string PortLabel(ActivityModel? a, string key, bool english)
    {
        if (a is not null && registry.FindDescriptor(a.Type) is { OutcomesFromInput: { } input } descriptor && descriptor.FindInput(input)?.Kind == InputKind.Outcomes
            && OutcomeList.Read(a, input).FirstOrDefault(o => o.Key == key) is { } named)
            return named.DisplayName(english);
        return OutcomeLabel(key, english);
    }

    /// <summary>An outcome's label in the reader's language ("完成" for done); a key of the flow's own (a branch's name) as it is.</summary>
    public static string OutcomeLabel(string key, bool english) =>
        Text.SharedTexts.Find("Outcome." + key, System.Globalization.CultureInfo.GetCultureInfo(english ? "en" : "zh-CN")) ?? key;

    /// <summary>The connection a drawn link stands for, or null when it does not go from an outcome to an activity.</summary>
    public static (string From, string Port, string To)? ConnectionOf(Blazor.Diagrams.Core.Models.Base.BaseLinkModel link) =>
        link.Source is SinglePortAnchor { Port: OutcomePort from } && link.Target is SinglePortAnchor { Port: { Parent: ActivityNode to } }
            ? (((ActivityNode)from.Parent).ActivityId, from.Key, to.ActivityId)
            : null;
}
