using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using XinchuangFlow.Engine.Definitions;
using XinchuangFlow.Engine.Validation;

namespace XinchuangFlow.Web.Components.Designer;

/// <summary>How an activity looks on the monitor's read-only canvas.</summary>
public enum NodeState { None, Passed, Waiting, Faulted }
