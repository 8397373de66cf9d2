using System.Text.Json.Nodes;

namespace XinchuangFlow.Engine.Runtime;

/// <summary>A human task created by a UserTask activity.</summary>
public sealed class HumanTask
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public Guid BookmarkId { get; set; }
    public string ActivityId { get; set; } = "";
    public string DefinitionId { get; set; } = "";
    /// <summary>
    /// The part the task plays, as its definition declares it (<c>taskKind</c>, e.g. <c>ticket.feedback</c>); null for
    /// a task that plays no part a page acts on. Pages and services find tasks by it, never by the step's id.
    /// </summary>
    public string? TaskKind { get; set; }
    public string Title { get; set; } = "";
    /// <summary>The title English pages show (the flow's <c>titleEn</c>, else the step's English name); null when the flow gives none.</summary>
    public string? TitleEn { get; set; }
    public string? Description { get; set; }
    public string? DescriptionEn { get; set; }
    public string? AssigneeUser { get; set; }
    public string? AssigneeRole { get; set; }
    public string? ClaimedBy { get; set; }
    public HumanTaskStatus Status { get; set; }
    /// <summary>The outcomes offered: a stable key (the port, what callers send) and display names.</summary>
    public List<TaskOutcome> Outcomes { get; set; } = [];
    public List<FormField> Form { get; set; } = [];
    public string? Outcome { get; set; }
    public JsonObject? Data { get; set; }
    public string? CompletedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The title in the reader's language (the Chinese title when the flow gives no English one).</summary>
    public string TitleIn(bool english) => english && !string.IsNullOrWhiteSpace(TitleEn) ? TitleEn : Title;

    /// <summary>The description in the reader's language (falls back to the one the flow gives).</summary>
    public string? DescriptionIn(bool english) => english && !string.IsNullOrWhiteSpace(DescriptionEn) ? DescriptionEn : Description;

    /// <summary>True when the task offers the outcome with this key.</summary>
    public bool HasOutcome(string key) => Outcomes.Any(o => string.Equals(o.Key, key, StringComparison.Ordinal));
}
