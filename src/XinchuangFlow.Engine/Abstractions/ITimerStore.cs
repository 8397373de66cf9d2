using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Engine.Abstractions;

/// <summary>Durable timers (written by bursts, claimed by the sweep).</summary>
public interface ITimerStore
{
    /// <summary>
    /// Atomically claims up to <paramref name="max"/> due timers not claimed by anyone else (or whose claim
    /// expired) for <paramref name="leaseUntil"/>. A claimed timer is deleted by the burst that fires it.
    /// </summary>
    Task<IReadOnlyList<TimerEntry>> ClaimDueTimersAsync(DateTimeOffset now, int max, DateTimeOffset leaseUntil, CancellationToken ct = default);

    /// <summary>Timers due before <paramref name="dueBefore"/> that no node holds a claim on at <paramref name="now"/>: the backlog nobody is working.</summary>
    Task<(int Count, DateTimeOffset? OldestDueAt)> UnclaimedOverdueTimersAsync(DateTimeOffset now, DateTimeOffset dueBefore, CancellationToken ct = default);
}
