namespace XinchuangFlow.Application.Designer;

/// <summary>One change between two versions, in words a reviewer reads.</summary>
public sealed record DiffLine(string Kind, string? ActivityId, string Text, string? Before = null, string? After = null);
