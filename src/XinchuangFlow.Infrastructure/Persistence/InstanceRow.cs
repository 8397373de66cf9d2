using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Infrastructure.Persistence;

/// <summary>The stored form of a workflow instance; JSON columns hold variables, state and the work queue.</summary>
public sealed class InstanceRow
{
    public Guid Id { get; set; }
    public string DefinitionId { get; set; } = "";
    public int DefinitionVersion { get; set; }
    public WorkflowStatus Status { get; set; }
    public string? CorrelationId { get; set; }
    public string Input { get; set; } = "{}";
    public string Variables { get; set; } = "{}";
    public string ActivityState { get; set; } = "{}";
    public string Queue { get; set; } = "[]";
    public Guid? ParentInstanceId { get; set; }
    public Guid? ParentBookmarkId { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int Version { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public Guid? LeaseToken { get; set; }
}
