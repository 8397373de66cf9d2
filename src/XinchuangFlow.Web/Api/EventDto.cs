using XinchuangFlow.Domain.Tickets;

namespace XinchuangFlow.Web.Api;

/// <summary>A line of a ticket's or complaint's history.</summary>
public sealed record EventDto(DateTimeOffset At, string? User, string Kind, string? FromStatus, string? ToStatus, string? Note)
{
    public static EventDto From(CaseEvent e) => new(e.At, e.User, e.Kind, e.FromStatus, e.ToStatus, e.Note);
}
