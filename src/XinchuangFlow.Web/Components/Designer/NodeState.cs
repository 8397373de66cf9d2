namespace XinchuangFlow.Web.Components.Designer;

/// <summary>How an activity looks on the monitor's read-only canvas.</summary>
public enum NodeState { None, Passed, Waiting, Faulted }
