namespace XinchuangFlow.Application.Audit;

/// <summary>How one activity of a definition version fared over a period (BEY-2 heat map).</summary>
public sealed record ActivityHeat(string ActivityId, int Instances, int Runs, TimeSpan? MedianWait, TimeSpan? P90Wait, int Waits, double BreachedShare);
