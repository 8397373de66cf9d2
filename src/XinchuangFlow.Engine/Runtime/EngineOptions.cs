using System.ComponentModel.DataAnnotations;

namespace XinchuangFlow.Engine.Runtime;

/// <summary>Engine limits and timings (section <c>Engine</c>).</summary>
public sealed class EngineOptions
{
    public const string SectionName = "Engine";

    /// <summary>Steps one burst may execute before it is stopped with an incident.</summary>
    [Range(10, 1_000_000)] public int MaxStepsPerBurst { get; set; } = 10_000;

    /// <summary>How long a node may hold an instance or timer it claimed before another node may take it.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")] public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a node holds the timers it claimed before another node may fire them. Short, so that a node that dies
    /// delays its timers by seconds: a batch is fired and committed well within it, and should a slow node still commit
    /// after another node took over, the fired bookmark is gone and nothing fires twice.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")] public TimeSpan TimerLease { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Drain pipelines a sweep runs side by side, each claiming and committing its own batches (claims are atomic, so they
    /// never share a timer). More than one helps on a server database that commits in parallel; SQLite has one writer.
    /// </summary>
    [Range(1, 16)] public int TimerDrainers { get; set; } = 1;

    /// <summary>Timers claimed per batch; each batch is committed in one transaction.</summary>
    [Range(1, 10_000)] public int TimerBatchSize { get; set; } = 500;

    /// <summary>How often the engine sweep (due timers, interrupted instances) runs.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")] public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts when a commit meets a concurrent change of the same instance.</summary>
    [Range(1, 20)] public int ConflictRetries { get; set; } = 3;

    /// <summary>The longest a signal sent before its wait may be kept (persistent signals).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "90.00:00:00")] public TimeSpan MaxSignalTtl { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Who may start a definition that states no start permission of its own, through a generic way in.</summary>
    public IReadOnlyList<string> DefaultStartRoles { get; set; } = ["DataBureauAdmin"];
}
