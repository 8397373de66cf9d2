using XinchuangFlow.Domain.Time;

namespace XinchuangFlow.Application.Audit;

/// <summary>A search of the audit trail (the Data Bureau's).</summary>
public sealed record AuditQuery(string? EntityKind = null, string? EntityId = null, string? User = null, string? Action = null, string? Text = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null)
{

    /// <summary>A search over whole days in China time, <paramref name="to"/> included (asked in UTC: PostgreSQL takes no +08:00).</summary>
    public static AuditQuery ForDays(string? kind, string? id, string? user, string? action, string? text, DateOnly? from, DateOnly? to) =>
        new(Blank(kind), Blank(id), Blank(user), Blank(action), Blank(text),
            // A day before 1900 or after 2999 bounds nothing the trail holds (and would not fit a time stamp at the calendar's ends).
            from is { Year: >= 1900 and <= 2999 } f ? ChinaTime.At(f, TimeOnly.MinValue).ToUniversalTime() : from is { Year: > 2999 } ? DateTimeOffset.MaxValue.AddDays(-2) : null,
            to is { Year: >= 1900 and <= 2999 } t ? ChinaTime.At(t.AddDays(1), TimeOnly.MinValue).ToUniversalTime() : to is { Year: < 1900 } ? DateTimeOffset.MinValue.AddDays(2) : null);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
