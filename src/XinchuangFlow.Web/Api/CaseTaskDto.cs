using XinchuangFlow.Engine.Runtime;

namespace XinchuangFlow.Web.Api;

/// <summary>An open task of a case's flow: who holds it and how it may be completed.</summary>
public sealed record CaseTaskDto(Guid Id, string Title, string? TitleEn, string? AssigneeUser, string? AssigneeRole, IReadOnlyList<OutcomeDto> Outcomes, DateTimeOffset? DueAt)
{
    public static CaseTaskDto From(HumanTask t) => new(t.Id, t.Title, t.TitleEn, t.AssigneeUser, t.AssigneeRole, t.Outcomes.Select(OutcomeDto.From).ToList(), t.DueAt);
}
