using System.Text.Json.Serialization;

namespace XinchuangFlow.Domain.Sla;

/// <summary>
/// One SLA clock. It keeps the running time consumed so far (measured on its calendar), so a change of target or
/// calendar policy applies to what is left and never loses paused time (SLA-3). Operations are pure functions of the
/// times passed in; the clock never reads a wall clock.
/// </summary>
public sealed class SlaClock
{
    public ClockKind Kind { get; init; }
    [JsonInclude]
    public ClockState State { get; private set; } = ClockState.NotStarted;
    /// <summary>Running time allowed (on the calendar).</summary>
    [JsonInclude]
    public TimeSpan Target { get; private set; }
    /// <summary>Why the target is what it is (the rule that produced it).</summary>
    [JsonInclude]
    public string? TargetReason { get; private set; }
    /// <summary>
    /// The flow's definition fixed the target (a step's own duration), not the rules: a change of rules, a grade
    /// override or a recompute leaves it as it is.
    /// </summary>
    [JsonInclude]
    public bool TargetFixed { get; private set; }
    [JsonInclude]
    public DateTimeOffset? StartedAt { get; private set; }
    [JsonInclude]
    public DateTimeOffset? StoppedAt { get; private set; }
    /// <summary>Running time consumed up to <see cref="RunningSince"/> (or in total once stopped).</summary>
    [JsonInclude]
    public TimeSpan Consumed { get; private set; }
    /// <summary>When the current running segment began; null while paused, stopped or not started.</summary>
    [JsonInclude]
    public DateTimeOffset? RunningSince { get; private set; }
    [JsonInclude]
    public DateTimeOffset? PausedSince { get; private set; }
    /// <summary>Wall-clock time spent paused (waiting on the user, for example).</summary>
    [JsonInclude]
    public TimeSpan PausedTotal { get; private set; }

    public void Start(DateTimeOffset at, TimeSpan target, string? reason = null, bool fixedTarget = false)
    {
        if (State != ClockState.NotStarted) throw new InvalidOperationException($"The {Kind} clock has already started.");
        if (target <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(target), "An SLA target must be positive.");
        State = ClockState.Running;
        StartedAt = RunningSince = at;
        Target = target;
        TargetReason = reason;
        TargetFixed = fixedTarget;
    }

    public void Pause(DateTimeOffset at, WorkingCalendar calendar)
    {
        if (State != ClockState.Running) return; // pausing a paused or stopped clock changes nothing
        Consumed += calendar.Between(RunningSince!.Value, at);
        RunningSince = null;
        PausedSince = at;
        State = ClockState.Paused;
    }

    public void Resume(DateTimeOffset at)
    {
        if (State != ClockState.Paused) return;
        PausedTotal += at > PausedSince!.Value ? at - PausedSince.Value : TimeSpan.Zero;
        PausedSince = null;
        RunningSince = at;
        State = ClockState.Running;
    }

    public void Stop(DateTimeOffset at, WorkingCalendar calendar)
    {
        if (State is ClockState.NotStarted or ClockState.Stopped) return;
        if (State == ClockState.Paused) Resume(at);
        Consumed += calendar.Between(RunningSince!.Value, at);
        RunningSince = null;
        StoppedAt = at;
        State = ClockState.Stopped;
    }

    /// <summary>Escalation levels (percent of target) already notified for this clock: each fires once (FLOW-3).</summary>
    [JsonInclude]
    public List<int> Escalated { get; private set; } = [];

    /// <summary>
    /// A stopped clock runs again (a reopened ticket): consumed time is kept, the stopped interval counts as paused.
    /// </summary>
    public void Reopen(DateTimeOffset at)
    {
        if (State != ClockState.Stopped) return;
        PausedTotal += at > StoppedAt!.Value ? at - StoppedAt.Value : TimeSpan.Zero;
        StoppedAt = null;
        RunningSince = at;
        State = ClockState.Running;
    }

    /// <summary>A new policy changes the target; consumed and paused time are kept.</summary>
    public void ChangeTarget(TimeSpan target, string? reason)
    {
        if (target <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(target), "An SLA target must be positive.");
        Target = target;
        TargetReason = reason;
    }

    /// <summary>Running time used by <paramref name="at"/>.</summary>
    public TimeSpan Elapsed(DateTimeOffset at, WorkingCalendar calendar) =>
        State == ClockState.Running ? Consumed + calendar.Between(RunningSince!.Value, at) : Consumed;

    /// <summary>
    /// The deadline while running (null when paused, stopped or not started) — also null when the calendar cannot give
    /// one (<see cref="HasNoDeadline"/>): such a clock runs without a due time rather than failing whoever asks.
    /// </summary>
    public DateTimeOffset? Deadline(WorkingCalendar calendar) =>
        State == ClockState.Running ? calendar.TryAdd(RunningSince!.Value, Target > Consumed ? Target - Consumed : TimeSpan.Zero) : null;

    /// <summary>A running clock whose calendar has no open time for what is left of its target: it has no deadline.</summary>
    public bool HasNoDeadline(WorkingCalendar calendar) => State == ClockState.Running && Deadline(calendar) is null;

    /// <summary>
    /// The moment a share of the target is reached (e.g. 0.8 for an 80 % warning), while running; null too when the
    /// calendar cannot give that moment.
    /// </summary>
    public DateTimeOffset? MomentAt(double share, WorkingCalendar calendar)
    {
        if (State != ClockState.Running) return null;
        var due = TimeSpan.FromTicks((long)(Target.Ticks * share));
        return calendar.TryAdd(RunningSince!.Value, due > Consumed ? due - Consumed : TimeSpan.Zero);
    }

    /// <summary>Share of the target used at <paramref name="at"/> (1.0 = deadline).</summary>
    public double Share(DateTimeOffset at, WorkingCalendar calendar) =>
        State == ClockState.NotStarted ? 0 : Elapsed(at, calendar).Ticks / (double)Target.Ticks;

    /// <summary>Breached: more running time used than the target (judged at stop, or now while running).</summary>
    public bool Breached(DateTimeOffset at, WorkingCalendar calendar) => State != ClockState.NotStarted && Elapsed(at, calendar) > Target;
}
