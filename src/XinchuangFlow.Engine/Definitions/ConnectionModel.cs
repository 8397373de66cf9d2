namespace XinchuangFlow.Engine.Definitions;

/// <summary>A connection from <see cref="Source"/>'s outcome port to <see cref="Target"/>.</summary>
public sealed class ConnectionModel
{
    /// <summary>The activity and outcome port the connection leaves from.</summary>
    public Endpoint Source { get; set; } = new();

    /// <summary>The activity the connection leads to (its port is "in" and may be omitted).</summary>
    public Endpoint Target { get; set; } = new();
}
