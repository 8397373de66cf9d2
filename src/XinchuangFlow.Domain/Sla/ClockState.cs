namespace XinchuangFlow.Domain.Sla;

/// <summary>Where a clock is in its life.</summary>
public enum ClockState { NotStarted, Running, Paused, Stopped }
