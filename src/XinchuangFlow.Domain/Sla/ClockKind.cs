namespace XinchuangFlow.Domain.Sla;

/// <summary>The three clocks of a ticket (SLA-1).</summary>
public enum ClockKind { Response, OnSite, Resolution }
