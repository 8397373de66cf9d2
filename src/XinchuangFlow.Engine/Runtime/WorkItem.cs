namespace XinchuangFlow.Engine.Runtime;

/// <summary>An item of scheduled work: run <see cref="ActivityId"/>, reached from <see cref="FromActivityId"/>.</summary>
public sealed record WorkItem(string ActivityId, string? FromActivityId = null);
