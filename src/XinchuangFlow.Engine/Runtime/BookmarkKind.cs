namespace XinchuangFlow.Engine.Runtime;

/// <summary>What a bookmark waits for.</summary>
public enum BookmarkKind { Task = 0, Timer = 1, Signal = 2, SubWorkflow = 3 }
