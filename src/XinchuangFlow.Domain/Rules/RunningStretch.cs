namespace XinchuangFlow.Domain.Rules;

/// <summary>A stretch of wall-clock time during which a clock ran; <see cref="To"/> is null while it still runs.</summary>
public readonly record struct RunningStretch(DateTimeOffset From, DateTimeOffset? To);
