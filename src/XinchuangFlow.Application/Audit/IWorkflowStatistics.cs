namespace XinchuangFlow.Application.Audit;

/// <summary>Counts the designer's lists show (the database layer implements it).</summary>
public interface IWorkflowStatistics
{
    /// <summary>
    /// The heat map of a definition version over instances started in a period: instances and runs per activity,
    /// median and p90 time spent waiting in each waiting activity, the share of those instances whose case breached an
    /// SLA, and how often each outcome port was taken.
    /// </summary>
    Task<(IReadOnlyList<ActivityHeat> Activities, IReadOnlyList<ConnectionHeat> Connections, int Instances)> HeatAsync(
        string definitionId, int version, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default);

    /// <summary>Instances not yet ended (running, waiting, faulted) per definition and version.</summary>
    Task<IReadOnlyDictionary<(string DefinitionId, int Version), int>> ActiveInstancesAsync(string? definitionId = null, CancellationToken ct = default);
}
