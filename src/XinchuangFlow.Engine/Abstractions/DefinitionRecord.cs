namespace XinchuangFlow.Engine.Abstractions;

/// <summary>A stored definition version.</summary>
public sealed class DefinitionRecord
{
    public Guid Id { get; set; }
    public string DefinitionId { get; set; } = "";
    public int Version { get; set; }
    public DefinitionStatus Status { get; set; }
    public string Name { get; set; } = "";
    public string Json { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public string? Source { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
}
