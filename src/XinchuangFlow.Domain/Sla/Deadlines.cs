namespace XinchuangFlow.Domain.Sla;

/// <summary>Rules for showing a deadline (pure functions of the times passed in).</summary>
public static class Deadlines
{
    /// <summary>A clock is shown as warned once this share of its target is used (the 80 % escalation level).</summary>
    public const double WarnShare = 0.8;

    /// <summary>The value of <c>NextClock</c> when no clock runs but one is paused.</summary>
    public const string Paused = "paused";

    public static DeadlineState StateAt(DateTimeOffset now, DateTimeOffset? due, DateTimeOffset? warnAt, bool paused)
    {
        if (due is not { } d) return paused ? DeadlineState.Paused : DeadlineState.None;
        if (now >= d) return DeadlineState.Breached;
        return warnAt is { } w && now >= w ? DeadlineState.Warned : DeadlineState.OnTime;
    }
}
