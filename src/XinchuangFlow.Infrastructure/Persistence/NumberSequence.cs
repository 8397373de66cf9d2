namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>A per-key counter (ticket numbers per city and day).</summary>
public sealed class NumberSequence
{
    public string Key { get; set; } = "";
    public int Last { get; set; }
}
