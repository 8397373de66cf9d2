using Blazor.Diagrams.Core.Models;

namespace XinchuangFlow.Web.Components.Designer;

/// <summary>Where connections arrive (left side).</summary>
public sealed class InPort(ActivityNode parent) : PortModel(parent.ActivityId + ":in", parent, PortAlignment.Left, null, null);
