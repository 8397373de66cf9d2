using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Validation;

namespace XinchuangFlow.Web.Components.Designer;

/// <summary>
/// An activity on the canvas: its id, type and label, its ports, and the problems validation found on it. Its size is
/// ours (<see cref="HeightFor"/>), not measured in the browser: the library then watches no node for resizes, which
/// doubled node sizes when the zoom changed and threw from nodes already taken off the canvas.
/// </summary>
public sealed class ActivityNode : NodeModel
{
    public const double Width = 190, HeaderHeight = 46, PortRow = 22;

    /// <summary>Room for a heat map's figures inside the node (two short lines).</summary>
    public const double NoteHeight = 36;

    /// <summary>The height of a node with this many ports (at least one row).</summary>
    public static double HeightFor(int ports) => HeaderHeight + Math.Max(1, ports) * PortRow + 6;

    public ActivityNode(ActivityModel activity, string typeName, string category, string icon, IReadOnlyList<(string Key, string Label, bool Optional)> outcomes, bool english = false)
        : base(activity.Id, new Point(activity.Position?.X ?? 0, activity.Position?.Y ?? 0))
    {
        ActivityId = activity.Id;
        Type = activity.Type;
        TypeName = typeName;
        Category = category;
        Icon = icon;
        Label = activity.DisplayNameIn(english) ?? typeName;   // in the reader's language; an untitled step by its kind, never its id
        Outcomes = outcomes;
        Size = new Size(Width, HeightFor(outcomes.Count));
        ControlledSize = true;
        Signature = string.Join("\u001f", [Type, typeName, category, Label, .. outcomes.Select(o => $"{o.Key}\u001e{o.Label}\u001e{o.Optional}")]);
        In = (InPort)AddPort(new InPort(this));
        for (var i = 0; i < outcomes.Count; i++)
            AddPort(new OutcomePort(this, outcomes[i].Key, outcomes[i].Label, outcomes[i].Optional, HeaderHeight + i * PortRow));
    }

    public string ActivityId { get; }
    public string Type { get; }
    public string TypeName { get; }
    public string Category { get; }
    public string Icon { get; }
    public string Label { get; }
    public IReadOnlyList<(string Key, string Label, bool Optional)> Outcomes { get; }
    public InPort In { get; }
    /// <summary>Everything drawn from the activity but its place: a redraw keeps a node whose signature is unchanged.</summary>
    public string Signature { get; }
    public List<ValidationProblem> Problems { get; } = [];
    public NodeState State { get; set; }
    public string? Note { get; set; }
    /// <summary>0–1 on a heat map (share of the busiest activity); null elsewhere.</summary>
    public double? Heat { get; set; }

    public OutcomePort? Outcome(string key) => Ports.OfType<OutcomePort>().FirstOrDefault(p => p.Key == key);
}
