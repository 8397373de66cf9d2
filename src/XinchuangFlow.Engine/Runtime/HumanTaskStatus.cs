namespace XinchuangFlow.Engine.Runtime;

/// <summary>Status of a human task.</summary>
public enum HumanTaskStatus { Open = 0, Completed = 1, Cancelled = 2 }
