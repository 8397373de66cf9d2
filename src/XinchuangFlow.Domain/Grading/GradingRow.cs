namespace XinchuangFlow.Domain.Grading;

/// <summary>A row of the grading table.</summary>
public sealed class GradingRow
{
    public string Id { get; set; } = "";
    public string Grade { get; set; } = "";
    public List<string>? Categories { get; set; }
    public List<string>? Impacts { get; set; }
    public List<string>? KeywordsAny { get; set; }
    public string? Description { get; set; }
}
