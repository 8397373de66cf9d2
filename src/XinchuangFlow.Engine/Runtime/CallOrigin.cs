namespace XinchuangFlow.Engine.Runtime;

/// <summary>
/// Where the work in progress came from — the client's address of the HTTP request or Blazor circuit that caused it —
/// so every audit line says "from where" (SEC-3). Set by the web layer around each request and each circuit event;
/// work nobody asked for at that moment (timers, background rounds) is attributed to this node.
/// </summary>
public static class CallOrigin
{
    private static readonly AsyncLocal<string?> Ambient = new();

    /// <summary>What work without a caller is attributed to: this node.</summary>
    public static readonly string ThisNode = "node " + Environment.MachineName;

    /// <summary>The caller's address, or <see cref="ThisNode"/> when the work has no caller.</summary>
    public static string Current => Ambient.Value ?? ThisNode;

    /// <summary>Attributes the work of the current async flow to <paramref name="address"/> until disposed.</summary>
    public static IDisposable Use(string? address)
    {
        var previous = Ambient.Value;
        Ambient.Value = string.IsNullOrWhiteSpace(address) ? null : address.Length > 64 ? address[..64] : address;
        return new Restore(previous);
    }

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
