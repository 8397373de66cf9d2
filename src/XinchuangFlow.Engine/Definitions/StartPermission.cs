namespace XinchuangFlow.Engine.Definitions;

/// <summary>
/// Who may start a definition directly. Without it, the engine's default start roles apply (the Data Bureau
/// administrator). A use-case-only definition (a ticket, a complaint) is started only by its application use case.
/// </summary>
public sealed class StartPermission
{
    /// <summary>Stands for every signed-in user in <see cref="Roles"/>.</summary>
    public const string AnySignedIn = "*";

    /// <summary>Role names allowed to start it; "*" for any signed-in user.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>True when only the owning use case starts it (never the generic API).</summary>
    public bool UseCaseOnly { get; set; }
}
