using XinchuangFlow.Domain.Sla;

namespace XinchuangFlow.Domain.Rules;

/// <summary>One clock's figures over all replayed tickets.</summary>
public sealed record ReplayClockFigures(ClockKind Kind, int Started, int OnTime, int Breached)
{
    /// <summary>On-time share (0–1); null when no clock of this kind ran.</summary>
    public double? OnTimeShare => Started == 0 ? null : OnTime / (double)Started;
}
