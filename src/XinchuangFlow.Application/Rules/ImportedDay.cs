namespace XinchuangFlow.Application.Rules;

/// <summary>One day an iCalendar file names: a holiday, or a make-up working day (调休上班), with the event's summary.</summary>
public sealed record ImportedDay(DateOnly Date, bool Workday, string Summary);
