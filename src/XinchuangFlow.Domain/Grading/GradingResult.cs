namespace XinchuangFlow.Domain.Grading;

/// <summary>The grade, the row that decided it and why (BEY-3).</summary>
public sealed record GradingResult(Tickets.Grade Grade, string RowId, string ExplanationZh, string ExplanationEn, IReadOnlyList<string> MatchedKeywords);
