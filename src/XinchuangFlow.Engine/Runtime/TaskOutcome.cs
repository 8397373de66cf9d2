namespace XinchuangFlow.Engine.Runtime;

/// <summary>
/// An outcome of a human task. <see cref="Key"/> is stable (the port of the connection and what callers complete the task
/// with); <see cref="Name"/> is what people read and may be renamed freely. A plain string in older definitions is both.
/// </summary>
public sealed record TaskOutcome(string Key, string Name, string? NameEn = null)
{
    /// <summary>The name for a UI culture (English when asked and present, else Chinese).</summary>
    public string DisplayName(bool english) => english && !string.IsNullOrEmpty(NameEn) ? NameEn! : Name;
}
