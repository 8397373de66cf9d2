namespace XinchuangFlow.Engine.Runtime;

/// <summary>What a signal did: how many waits it resumed, and whether it was kept for a later wait.</summary>
public sealed record SignalResult(int Resumed, bool Kept, DateTimeOffset? KeptUntil = null);
