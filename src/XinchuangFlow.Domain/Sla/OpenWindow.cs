namespace XinchuangFlow.Domain.Sla;

/// <summary>An opening window of a working day, in local time (e.g. 08:30–12:00).</summary>
public sealed record OpenWindow(TimeOnly From, TimeOnly To)
{
    public TimeSpan Length => To - From;
}
