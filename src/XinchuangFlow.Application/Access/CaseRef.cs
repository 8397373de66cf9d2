namespace XinchuangFlow.Application.Access;

/// <summary>A ticket or complaint, by kind, id and number.</summary>
public sealed record CaseRef(string Kind, Guid Id, string Number, string Status) : Domain.Tickets.ICase
{
    string Domain.Tickets.ICase.CaseKind => Kind;
}
