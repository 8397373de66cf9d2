namespace XinchuangFlow.Domain.Sla;

/// <summary>How a deadline stands: what the inbox and the workspace colour a countdown by.</summary>
public enum DeadlineState { None, OnTime, Warned, Breached, Paused }
