namespace XinchuangFlow.Web.Components;

/// <summary>The page of a case, by its kind: a ticket by its number, a complaint and an assessment result by their id, a supervision notice by its number.</summary>
public static class CaseLinks
{
    public static string? Of(string? kind, Guid? id, string? number) => kind switch
    {
        "ticket" when number is not null => $"/tickets/{number}",
        "complaint" when id is { } c => $"/complaints/{c}",
        XinchuangFlow.Domain.Tickets.CaseKinds.Assessment when id is { } r => $"/assessment/results/{r}",
        XinchuangFlow.Domain.Tickets.CaseKinds.Supervision when number is not null => $"/supervision/{number}",
        _ => null,
    };
}
