namespace XinchuangFlow.Engine.Definitions;

/// <summary>One end of a connection.</summary>
public sealed class Endpoint
{
    /// <summary>Activity id.</summary>
    public string Activity { get; set; } = "";

    /// <summary>Outcome port (source side) or input port (target side, default "in").</summary>
    public string? Port { get; set; }
}
