namespace XinchuangFlow.Infrastructure.Hosting;

/// <summary>Where shipped workflow definitions are read from at start-up (section <c>Workflows</c>).</summary>
public sealed class WorkflowFilesOptions
{
    public const string SectionName = "Workflows";
    /// <summary>Folder of <c>*.json</c> definitions; relative paths are resolved from the content root, then its parents.</summary>
    public string Folder { get; set; } = "workflows";
    public bool ImportOnStart { get; set; } = true;
}
