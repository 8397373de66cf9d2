namespace XinchuangFlow.Domain.Rules;

/// <summary>A past ticket as the replay needs it: what grading and the SLA rules look at, and its clocks' history.</summary>
public sealed record ReplayTicket(string Number, string Title, string CityCode, string CountyCode, Tickets.Grade? Grade, bool GradeOverridden,
    string? ServicePointCounty, string ProductCategory, string Impact, string Description, DateTimeOffset CreatedAt, IReadOnlyList<ReplayClock> Clocks);
