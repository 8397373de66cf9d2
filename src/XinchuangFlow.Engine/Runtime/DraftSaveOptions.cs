namespace XinchuangFlow.Engine.Runtime;

/// <summary>How a draft is saved: checked or not, and against which stored version.</summary>
public sealed record DraftSaveOptions(bool Validate = true, (int Version, string Hash)? ExpectedLatest = null);
