using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace XinchuangFlow.Engine.Runtime;

/// <summary>
/// The engine's own measurements (OPS-4), on the BCL's <see cref="Meter"/>: the host decides whether and where they go
/// (the web app exports them for Prometheus). Names follow OpenTelemetry's conventions.
/// </summary>
public static class EngineMetrics
{
    public const string MeterName = "XinchuangFlow.Engine";
    public static readonly Meter Meter = new(MeterName, "1.0");
    public static readonly ActivitySource Tracing = new(MeterName, "1.0");

    public static readonly Counter<long> Bursts = Meter.CreateCounter<long>("xf.engine.bursts", "{burst}", "Bursts committed (each a unit of work of one instance).");
    public static readonly Histogram<double> CommitDuration = Meter.CreateHistogram<double>("xf.engine.commit.duration", "ms", "Time to write one commit (one or more bursts) to the database.");
    public static readonly Counter<long> TimersFired = Meter.CreateCounter<long>("xf.engine.timers.fired", "{timer}", "Durable timers fired.");
    public static readonly Histogram<double> TimerLateness = Meter.CreateHistogram<double>("xf.engine.timer.lateness", "s", "How long after its due time a timer fired.");
    /// <summary>Where a timer drain spends its time, per batch: <c>phase</c> = claim, load, run or commit.</summary>
    public static readonly Histogram<double> TimerBatchPhase = Meter.CreateHistogram<double>("xf.engine.timer.batch.phase.duration", "ms",
        "Time one batch of due timers spent in a phase of the drain: claim (lock the batch), load (read its instances), run (fire them in memory), commit (write them).");

    /// <summary>Records the time since <paramref name="start"/> (a <see cref="Stopwatch"/> timestamp) for a drain phase.</summary>
    internal static void Phase(string phase, long start) =>
        TimerBatchPhase.Record(Stopwatch.GetElapsedTime(start).TotalMilliseconds, new KeyValuePair<string, object?>("phase", phase));
}
