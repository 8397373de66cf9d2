using Blazor.Diagrams.Core.Models;

namespace XinchuangFlow.Web.Components.Designer;

/// <summary>One outcome of an activity (right side); connections leave from it.</summary>
public sealed class OutcomePort(ActivityNode parent, string key, string label, bool optional, double top)
    : PortModel(parent.ActivityId + ":" + key, parent, PortAlignment.Right, null, null)
{
    public string Key { get; } = key;
    public string Label { get; } = label;
    public bool Optional { get; } = optional;
    public double Top { get; } = top;
}
